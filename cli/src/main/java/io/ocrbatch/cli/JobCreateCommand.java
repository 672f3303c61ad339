package io.ocrbatch.cli;

import io.ocrbatch.activities.fault.BadInputException;
import io.ocrbatch.activities.fault.ExitCode;
import io.ocrbatch.api.ApiJson;
import io.ocrbatch.api.JobView;
import io.ocrbatch.cli.pipeline.PipelineClient;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code job create}: records a job and its tasks and starts it; prints what BDRC operators read.
 */
@Command(
    name = "create",
    description =
        "Create a job; an existing key with the same volumes shows that job, with other volumes is refused.")
final class JobCreateCommand implements Callable<Integer> {
  /**
   * How long to watch for the job's workflow to mark it running before saying it waits for a
   * worker.
   */
  static final Duration START_WAIT = Duration.ofSeconds(10);

  @Option(
      names = {"--type-id", "--type"},
      required = true,
      description = "Job type id or name.")
  String typeId;

  @ArgGroup(multiplicity = "1")
  JobCommands.VolumeSource source;

  @Mixin JobOptions options;

  @Option(
      names = "--json",
      description =
          "Print the job as JSON (as GET /api/jobs/{key} does) instead of the text lines.")
  boolean json;

  @Mixin ClientOptions client;

  @Override
  public Integer call() throws Exception {
    try (JobsClient jobs = client.jobsClient()) {
      JobsClient.Submitted submitted =
          jobs.submit(
              new JobsClient.Creation(
                  typeId,
                  source,
                  options.jobKey,
                  options.out,
                  options.force,
                  options.concurrency,
                  options.dpi));
      JobView job = submitted.job();
      boolean linked = options.sourceJob == null || linkSource(job);
      if (json) {
        System.out.println(ApiJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(job));
        return ExitCode.OK.code();
      }
      if (submitted.existed()) {
        System.out.printf(
            "Job %s (id=%d) exists already with %d tasks, status %s; nothing new was created%n",
            job.jobKey(), job.id(), job.tasks().total(), job.status());
      } else {
        System.out.printf("Created job: %s (id=%d)%n", job.jobKey(), job.id());
        System.out.printf("Created %d tasks for job %s%n", job.tasks().total(), job.jobKey());
        JobView started = awaitStart(jobs, job);
        if (started.startedAt() != null)
          System.out.printf("Job %d status changed to running%n", job.id());
        else
          System.out.printf(
              "Job %d status: %s (no worker has started it yet)%n", job.id(), started.status());
      }
      System.out.printf("Job ID: %d%n", job.id());
      return linked ? ExitCode.OK.code() : ExitCode.COULD_NOT_RUN.code();
    }
  }

  /** Records the job's source job in the pipeline registry; says why when it cannot. */
  private boolean linkSource(JobView job) {
    try (PipelineClient pipeline = client.pipelineClient()) {
      var document = pipeline.linkSource(job.jobKey(), options.sourceJob);
      System.err.printf("Source job: %s%n", document.source().jobId());
      return true;
    } catch (BadInputException e) {
      System.err.printf(
          "error: %s (job %s was created without a source job)%n", e.getMessage(), job.jobKey());
      return false;
    }
  }

  private static JobView awaitStart(JobsClient jobs, JobView job) throws InterruptedException {
    long deadline = System.nanoTime() + START_WAIT.toNanos();
    JobView now = job;
    while (now.startedAt() == null && !now.finished() && System.nanoTime() < deadline) {
      Thread.sleep(200);
      now = jobs.job(job.id(), null);
    }
    return now;
  }
}
