package io.ocrbatch.cli;

import io.ocrbatch.activities.fault.ExitCode;
import io.ocrbatch.activities.statusdb.QueueStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The work across all jobs: statistics, and re-running failed tasks of ended jobs. */
@Command(
    name = "queue",
    description =
        "Queue statistics over all jobs, and re-queuing failed tasks (directly, or with --server through the REST API).",
    subcommands = {QueueCommands.Stats.class, QueueCommands.RequeueFailed.class})
final class QueueCommands {

  @Command(
      name = "stats",
      description =
          "Tasks pending, processing, failed and completed today; average wait and oldest pending, in minutes.")
  static final class Stats implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Override
    public Integer call() {
      try (JobsClient jobs = client.jobsClient()) {
        QueueStore.Stats s = jobs.queueStats();
        System.out.printf(
            "Pending: %d, Processing: %d, Failed: %d, Completed today: %d%n",
            s.pending(), s.processing(), s.failed(), s.completedToday());
        System.out.printf(
            "Average wait: %.1f minutes, Oldest pending: %.1f minutes%n",
            s.avgWaitTimeMinutes(), s.oldestPendingMinutes());
        return ExitCode.OK.code();
      }
    }
  }

  @Command(
      name = "requeue-failed",
      description = "Re-run failed tasks that have attempts left, in jobs that have ended.")
  static final class RequeueFailed implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Override
    public Integer call() {
      try (JobsClient jobs = client.jobsClient()) {
        JobsClient.Requeued r = jobs.requeueFailed();
        System.out.printf(
            "Re-queued %d failed task(s) in %d job(s)%s%n",
            r.requeued(),
            r.jobs().size(),
            r.jobs().isEmpty() ? "" : ": " + String.join(", ", r.jobs()));
        if (r.skippedInRunningJobs() > 0)
          System.out.printf(
              "Left %d in still-running jobs until those end%n", r.skippedInRunningJobs());
        if (r.withoutAttemptsLeft() > 0)
          System.out.printf("%d have no attempts left%n", r.withoutAttemptsLeft());
        return ExitCode.OK.code();
      }
    }
  }
}
