package io.ocrbatch.cli;

import io.ocrbatch.api.ApiJson;
import io.ocrbatch.api.JobView;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code job create}: records a job and its tasks and starts it; prints what BDRC operators read. */
@Command(name = "create", description = "Create a job; an existing key with the same volumes shows that job, with other volumes is refused.")
final class JobCreateCommand implements Callable<Integer> {
  /** How long to watch for the job's workflow to mark it running before saying it waits for a worker. */
  static final Duration START_WAIT = Duration.ofSeconds(10);

  @Option(names = {"--type-id", "--type"}, required = true, description = "Job type id or name.")
  String typeId;

  @ArgGroup(multiplicity = "1")
  JobCommands.VolumeSource source;

  @Option(names = "--job-key", description = "Job key (default: J<date>_<hash of type and volumes>).")
  String jobKey;

  @Option(names = "--out", defaultValue = "out", description = "Result folder or s3://bucket/prefix (default: ./out).")
  String out;

  @Option(names = "--force", description = "Redo volumes and pages whose results exist already.")
  boolean force;

  @Option(names = "--concurrency", defaultValue = "4", description = "Volumes at once (default: 4).")
  int concurrency;

  @Option(names = "--dpi", defaultValue = "300", description = "Scan resolution (default: 300).")
  int dpi;

  @Option(names = "--json", description = "Print the job as JSON (as GET /api/jobs/{key} does) instead of the text lines.")
  boolean json;

  @Mixin ClientOptions client;

  @Override
  public Integer call() throws Exception {
    try (JobsClient jobs = client.jobsClient()) {
      JobsClient.Submitted submitted =
          jobs.submit(new JobsClient.Creation(typeId, source, jobKey, out, force, concurrency, dpi));
      JobView job = submitted.job();
      if (json) {
        System.out.println(ApiJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(job));
        return ExitCodes.OK;
      }
      if (submitted.existed()) {
        System.out.printf("Job %s (id=%d) exists already with %d tasks, status %s; nothing new was created%n",
            job.jobKey(), job.id(), job.tasks().total(), job.status());
      } else {
        System.out.printf("Created job: %s (id=%d)%n", job.jobKey(), job.id());
        System.out.printf("Created %d tasks for job %s%n", job.tasks().total(), job.jobKey());
        JobView started = awaitStart(jobs, job);
        if (started.startedAt() != null) System.out.printf("Job %d status changed to running%n", job.id());
        else System.out.printf("Job %d status: %s (no worker has started it yet)%n", job.id(), started.status());
      }
      System.out.printf("Job ID: %d%n", job.id());
      return ExitCodes.OK;
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
