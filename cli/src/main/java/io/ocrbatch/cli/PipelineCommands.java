package io.ocrbatch.cli;

import io.ocrbatch.activities.fault.ExitCode;
import io.ocrbatch.activities.files.Json;
import io.ocrbatch.activities.registry.RegistryDocument;
import io.ocrbatch.cli.pipeline.PipelineClient;
import io.ocrbatch.cli.pipeline.PipelineText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pipeline}: the registry of every pipeline job's steps (source, ocr, sync_ocr, and any step
 * a caller records), read and written directly or through a server's API ({@code --server}).
 */
@Command(
    name = "pipeline",
    description = {
      "The pipeline registry: each job's steps (source, ocr, sync_ocr, any recorded step) with status,",
      "volumes, config and metadata, the job it built on, and the order steps ran in."
    },
    subcommands = {
      PipelineCommands.Show.class,
      PipelineCommands.Find.class,
      PipelineCommands.ListJobs.class,
      PipelineCommands.StepMetadata.class,
      PipelineRecordCommands.Record.class,
      PipelineCommands.Export.class,
      PipelineRecordCommands.Rebuild.class
    })
final class PipelineCommands {

  @Command(
      name = "show",
      description = "A job's steps completed and pending, its source job, and its trace in order.")
  static final class Show implements Callable<Integer> {
    @Parameters(paramLabel = "JOB", description = "Pipeline job id (the OCR job's key), or latest.")
    String job;

    @Mixin ClientOptions client;

    @Override
    public Integer call() {
      try (PipelineClient pipeline = client.pipelineClient()) {
        System.out.print(PipelineText.show(pipeline.document(job)));
      }
      return ExitCode.OK.code();
    }
  }

  @Command(name = "find", description = "Every job and step that covered a volume, with status.")
  static final class Find implements Callable<Integer> {
    @Parameters(paramLabel = "VOLUME", description = "Volume id (folder name, W22084-I0886, …).")
    String volume;

    @Mixin ClientOptions client;

    @Override
    public Integer call() {
      try (PipelineClient pipeline = client.pipelineClient()) {
        System.out.print(PipelineText.find(volume, pipeline.find(volume)));
      }
      return ExitCode.OK.code();
    }
  }

  @Command(name = "list", description = "Pipeline jobs, newest first, with their steps.")
  static final class ListJobs implements Callable<Integer> {
    @Option(names = "--step", description = "Only jobs that have this step.")
    String step;

    @Option(names = "--limit", defaultValue = "50", description = "At most this many (default 50).")
    int limit;

    @Mixin ClientOptions client;

    @Override
    public Integer call() {
      try (PipelineClient pipeline = client.pipelineClient()) {
        System.out.print(PipelineText.list(pipeline.list(step, limit)));
      }
      return ExitCode.OK.code();
    }
  }

  @Command(name = "step", description = "One step of a job: status, volumes, config, metadata.")
  static final class StepMetadata implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "STEP", description = "Step name (ocr, sync_ocr, …).")
    String step;

    @Parameters(index = "1", paramLabel = "JOB", description = "Pipeline job id, or latest.")
    String job;

    @Option(names = "--json", description = "The step's registry entry as JSON.")
    boolean json;

    @Mixin ClientOptions client;

    @Override
    public Integer call() throws Exception {
      RegistryDocument.Step s;
      try (PipelineClient pipeline = client.pipelineClient()) {
        s = pipeline.step(job, step);
      }
      if (json) {
        System.out.println(Json.MAPPER.writeValueAsString(s));
        return ExitCode.OK.code();
      }
      System.out.printf(
          "Step %s of job %s: %s at %s%n", step, s.jobId(), s.status(), s.timestamp());
      if (s.sourceJob() != null) System.out.printf("Source job: %s%n", s.sourceJob());
      if (s.citekeys() != null) {
        System.out.printf(
            "Volumes: %d (%d successful, %d failed)%n",
            s.citekeys().total(), s.citekeys().successful(), s.citekeys().failed());
      }
      System.out.println("Config:   " + Json.MAPPER.writeValueAsString(s.config()));
      System.out.println("Metadata: " + Json.MAPPER.writeValueAsString(s.metadata()));
      return ExitCode.OK.code();
    }
  }

  @Command(name = "export", description = "A job's registry document as JSON (stdout or --to).")
  static final class Export implements Callable<Integer> {
    @Parameters(paramLabel = "JOB", description = "Pipeline job id, or latest.")
    String job;

    @Option(names = "--to", description = "Write the document to this file instead of stdout.")
    Path to;

    @Mixin ClientOptions client;

    @Override
    public Integer call() throws Exception {
      RegistryDocument document;
      try (PipelineClient pipeline = client.pipelineClient()) {
        document = pipeline.document(job);
      }
      byte[] bytes = Json.bytes(document);
      if (to == null) {
        System.out.println(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
      } else {
        Files.write(to, bytes);
        System.err.printf("Wrote the registry document of %s to %s%n", document.jobId(), to);
      }
      return ExitCode.OK.code();
    }
  }
}
