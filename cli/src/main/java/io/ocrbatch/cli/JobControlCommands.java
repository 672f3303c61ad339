package io.ocrbatch.cli;

import io.ocrbatch.activities.fault.ExitCode;
import io.ocrbatch.api.JobView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code job cancel|pause|resume}: a signal to one job's workflow; a job that has ended is refused
 * (exit 1). {@code job restart}: a failed or canceled job runs its failed and unfinished volumes
 * again.
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

    String said(JobView now) {
      return String.format(
          "%s requested for job %s (id=%d); status now %s%s",
          Character.toUpperCase(verb().charAt(0)) + verb().substring(1),
          now.jobKey(),
          now.id(),
          now.status(),
          now.cancelRequested() && !now.finished() ? " (canceling: pages in flight finish)" : "");
    }

    @Override
    public Integer call() {
      if (jobId == null && jobKey == null)
        throw new IllegalArgumentException("give --job-id or --job-key");
      try (JobsClient jobs = client.jobsClient()) {
        JobView now = jobs.control(jobs.job(jobId, jobKey), verb());
        System.out.println(said(now));
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
      description =
          "Pause a job: running volumes' pages stop before their next one, nothing new starts until resume.")
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

  @Command(
      name = "restart",
      description =
          "Restart a failed or canceled job once its cause is fixed: its failed and unfinished volumes"
              + " run again with fresh attempts; finished volumes and pages are reused.")
  static final class Restart extends JobControl {
    String verb() {
      return "restart";
    }

    @Override
    String said(JobView now) {
      return String.format(
          "Restarted job %s (id=%d): %d volume(s) to run again, %d done kept; status now %s",
          now.jobKey(), now.id(), now.tasks().pending(), now.tasks().done(), now.status());
    }
  }
}
