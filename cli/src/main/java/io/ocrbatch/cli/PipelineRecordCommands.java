package io.ocrbatch.cli;

import io.ocrbatch.activities.fault.BadInputException;
import io.ocrbatch.activities.fault.ExitCode;
import io.ocrbatch.activities.registry.PipelineNames;
import io.ocrbatch.activities.registry.PipelineRegistry;
import io.ocrbatch.activities.registry.RegistryDocument;
import io.ocrbatch.cli.pipeline.PipelineClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code pipeline} commands that write: {@code record} and {@code rebuild}. */
final class PipelineRecordCommands {
  private PipelineRecordCommands() {}

  @Command(
      name = "record",
      description = {
        "Record a step's results in a pipeline job (a new step, written in any language, calls this).",
        "The file is a JSON object: \"status\" (pending|completed|failed) is required; optional",
        "\"timestamp\", \"source_job\", \"citekeys\" (a list, or {list, failed_list, total, successful,",
        "failed}), \"config\" and \"metadata\" objects; any other field is kept in the metadata."
      })
  static final class Record implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "STEP", description = "Step name (source, toc, …).")
    String step;

    @Parameters(
        index = "1",
        arity = "0..1",
        paramLabel = "JOB",
        description =
            "Pipeline job id or latest (default: a new job named by the time, 2026-01-01_21-45-14).")
    String job;

    @Option(
        names = "--file",
        required = true,
        description = "The step's metadata JSON ('-' for standard input).")
    String file;

    @Option(
        names = "--results",
        description = "Where a job without OCR results keeps job_registry/ (folder or s3://).")
    String results;

    @Mixin ClientOptions client;

    @Override
    public Integer call() throws IOException {
      byte[] json = read(file);
      String jobId = job == null ? PipelineNames.newJobId(Instant.now()) : job;
      try (PipelineClient pipeline = client.pipelineClient()) {
        if (PipelineRegistry.LATEST.equals(jobId)) jobId = pipeline.document(jobId).jobId();
        RegistryDocument.Step s = pipeline.record(jobId, step, json, file, results);
        System.out.printf(
            "Recorded step %s of pipeline job %s: %s, %d volume(s)%n",
            step, jobId, s.status(), s.citekeys() == null ? 0 : s.citekeys().total());
      }
      return ExitCode.OK.code();
    }

    private static byte[] read(String file) throws IOException {
      if (file.equals("-")) return System.in.readAllBytes();
      try {
        return Files.readAllBytes(Path.of(file));
      } catch (NoSuchFileException e) {
        throw new BadInputException("--file " + file + ": no such file");
      }
    }
  }

  @Command(
      name = "rebuild",
      description = {
        "Restore the registry's rows from the job_registry/*.json files under results roots",
        "(the portable copy): each job found replaces its rows. Works on the database directly."
      })
  static final class Rebuild implements Callable<Integer> {
    @Option(
        names = "--from",
        split = ",",
        defaultValue = "out",
        description =
            "Results roots (folders or s3://bucket/prefix) holding job_registry/ (default: ./out).")
    List<String> roots;

    @Mixin StackOptions stack;

    @Override
    public Integer call() throws IOException {
      try (Stack parts = Stack.forClient(stack)) {
        PipelineRegistry registry = new PipelineRegistry(parts.store().jdbc(), parts.storage());
        int total = 0;
        for (String root : roots) {
          List<String> jobs = registry.rebuild(root);
          total += jobs.size();
          System.out.printf("%s: restored %d job(s) %s%n", root, jobs.size(), jobs);
        }
        if (total == 0) {
          System.err.println("No registry documents found (looked for job_registry/*.json).");
          return ExitCode.COULD_NOT_RUN.code();
        }
      }
      return ExitCode.OK.code();
    }
  }
}
