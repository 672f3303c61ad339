package io.ocrbatch.cli;

import io.ocrbatch.activities.engines.EngineRegistry;
import io.ocrbatch.activities.fault.ExitCode;
import io.ocrbatch.activities.output.format.PageWriters;
import io.ocrbatch.workflows.JobTypeSpec;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Job types: list and add named OCR configurations. */
@Command(
    name = "job-types",
    description =
        "List and create job types (named OCR configurations), directly or with --server through the REST API.",
    subcommands = {JobTypeCommands.ListTypes.class, JobTypeCommands.Create.class})
final class JobTypeCommands {

  @Command(name = "list", description = "List job types.")
  static final class ListTypes implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Override
    public Integer call() {
      try (JobsClient jobs = client.jobsClient()) {
        List<JobTypeSpec> types = jobs.jobTypes();
        String row = "%-4s %-24s %-10s %-18s %-9s %-9s%n";
        System.out.printf(row, "ID", "Name", "Engine", "Model/Language", "Encoding", "Line mode");
        for (JobTypeSpec t : types) {
          System.out.printf(
              row,
              t.id(),
              t.name(),
              t.engine(),
              t.model() + "/" + t.language(),
              t.encoding(),
              t.lineMode());
        }
        return ExitCode.OK.code();
      }
    }
  }

  /** The formats some page writer knows, for {@code --formats}' help. */
  static final class FormatNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return PageWriters.formats().iterator();
    }
  }

  @Command(name = "create", description = "Create a job type.")
  static final class Create implements Callable<Integer> {
    @Option(
        names = "--name",
        required = true,
        description = "Unique name, e.g. tesseract-bod-line.")
    String name;

    @Option(
        names = "--engine",
        defaultValue = EngineRegistry.DEFAULT_ENGINE,
        completionCandidates = EngineHelp.class,
        description = "Engine (default: ${DEFAULT-VALUE}): ${COMPLETION-CANDIDATES}.")
    String engine;

    @Option(
        names = "--model",
        required = true,
        description = "Model; for Tesseract the traineddata name, e.g. bod.")
    String model;

    @Option(names = "--language", description = "Language code (default: the model).")
    String language;

    @Option(
        names = "--encoding",
        defaultValue = "unicode",
        description = "unicode or wylie (default: unicode).")
    String encoding;

    @Option(
        names = "--line-mode",
        defaultValue = "auto",
        description = "block, line or auto (default: auto).")
    String lineMode;

    @Option(
        names = "--formats",
        split = ",",
        defaultValue = "txt,json",
        completionCandidates = FormatNames.class,
        description = "Output formats, among ${COMPLETION-CANDIDATES} (default: txt,json).")
    List<String> formats;

    @Option(names = "--description", description = "Free text.")
    String description;

    @Mixin ClientOptions client;

    @Override
    public Integer call() {
      try (JobsClient jobs = client.jobsClient()) {
        JobTypeSpec created =
            jobs.createJobType(
                new JobTypeSpec(0, name, engine, model, language, encoding, lineMode, formats),
                description);
        System.out.printf("Created job type %s (id %d)%n", created.name(), created.id());
        return ExitCode.OK.code();
      }
    }
  }
}
