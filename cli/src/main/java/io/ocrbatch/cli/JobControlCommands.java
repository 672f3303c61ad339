package io.ocrbatch.cli;

import io.ocrbatch.activities.fault.ExitCode;
import io.ocrbatch.api.JobView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code job cancel|pause|resume}: a signal to one job's workflow; a job that has ended is refused
 * (exit 1).
 */
final class JobControlCommands {
  private JobControlCommands() {}

  abstract static class JobControl implements Callable<Integer> {
    @Option(names = "--job-id", description = "Job id.")
    Long jobId;

    @Option(names = "--job-key", description = "Job key.")
    String jobKey;

    @Mixin ClientOptions client;

    abstract String verb();

    @Override
    public Integer call() {
      if (jobId == null && jobKey == null)
        throw new IllegalArgumentException("give --job-id or --job-key");
      try (JobsClient jobs = client.jobsClient()) {
        JobView now = jobs.control(jobs.job(jobId, jobKey), verb());
        System.out.printf(
            "%s requested for job %s (id=%d); status now %s%s%n",
            Character.toUpperCase(verb().charAt(0)) + verb().substring(1),
            now.jobKey(),
            now.id(),
            now.status(),
            now.cancelRequested() && !now.finished() ? " (canceling: pages in flight finish)" : "");
        return ExitCode.OK.code();
      }
    }
  }

  @Command(
      name = "cancel",
      description =
          "Cancel a job: pages in flight finish, nothing new starts; a job that has ended is refused.")
  static final class Cancel extends JobControl {
    String verb() {
      return "cancel";
    }
  }

  @Command(
      name = "pause",
      description = "Pause a job: running volumes finish, no new volume starts until resume.")
  static final class Pause extends JobControl {
    String verb() {
      return "pause";
    }
  }

  @Command(name = "resume", description = "Resume a paused job.")
  static final class Resume extends JobControl {
    String verb() {
      return "resume";
    }
  }
}
