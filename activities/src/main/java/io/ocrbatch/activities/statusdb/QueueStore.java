package io.ocrbatch.activities.statusdb;

import java.util.List;
import java.util.Optional;

/** Operator views over all jobs' tasks: what waits, what runs, what failed, and re-queuing. */
public final class QueueStore {
  private static final String UNFINISHED = "('created', 'running', 'paused')";
  private final Jdbc jdbc;

  public QueueStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * @param pending tasks waiting in jobs that have not ended
   * @param processing tasks running in jobs that have not ended
   * @param failed tasks that failed (retryably or terminally), in any job
   * @param completedToday tasks done since midnight (database time zone)
   * @param avgWaitTimeMinutes mean time from job creation to task start, over tasks started in the
   *     last 24 h
   * @param oldestPendingMinutes age of the oldest job that still has a pending task
   */
  public record Stats(
      long pending,
      long processing,
      long failed,
      long completedToday,
      double avgWaitTimeMinutes,
      double oldestPendingMinutes) {}

  /**
   * From the jobs' counters (migration V6) and indexed ranges of tasks: not a scan of every task.
   */
  public Stats stats() {
    return jdbc.queryOne(
            "SELECT (SELECT coalesce(sum(g.pending), 0) FROM job_progress g JOIN jobs j ON j.id = g.job_id"
                + "   WHERE j.status IN "
                + UNFINISHED
                + "),"
                + " (SELECT coalesce(sum(g.running), 0) FROM job_progress g JOIN jobs j ON j.id = g.job_id"
                + "   WHERE j.status IN "
                + UNFINISHED
                + "),"
                + " (SELECT coalesce(sum(g.retryable + g.terminal), 0) FROM job_progress g),"
                + " (SELECT count(*) FROM tasks WHERE status = 'done' AND done_at >= date_trunc('day', now())),"
                + " (SELECT coalesce(avg(extract(epoch FROM t.started_at - j.created_at) / 60), 0)"
                + "   FROM tasks t JOIN jobs j ON j.id = t.job_id WHERE t.started_at >= now() - interval '24 hours'),"
                + " (SELECT coalesce(extract(epoch FROM now() - min(j.created_at)) / 60, 0)"
                + "   FROM jobs j JOIN job_progress g ON g.job_id = j.id WHERE g.pending > 0 AND j.status IN "
                + UNFINISHED
                + ")",
            rs ->
                new Stats(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getLong(3),
                    rs.getLong(4),
                    rs.getDouble(5),
                    rs.getDouble(6)))
        .orElseThrow();
  }

  /**
   * What {@link #requeueFailed} did.
   *
   * @param requeued failed tasks set back to pending
   * @param jobIds the ended jobs they belong to, reopened (status running) for their workflow to be
   *     started again
   * @param inRunningJobs failed tasks with attempts left that were left alone because their job is
   *     still running
   * @param exhausted failed tasks with no attempts left
   */
  public record Requeue(int requeued, List<Long> jobIds, long inRunningJobs, long exhausted) {}

  /**
   * Sets failed tasks that have attempts left back to pending, in jobs that have ended (completed
   * or failed; not canceled), and reopens those jobs. A running job's workflow has moved past its
   * failed tasks, so those are counted but left for after the job ends.
   */
  public Requeue requeueFailed() {
    long inRunning =
        jdbc.queryLong(
            "SELECT count(*) FROM tasks t JOIN jobs j ON j.id = t.job_id WHERE t.status IN ('retryable_failed', 'terminal_failed')"
                + " AND t.attempts < t.max_attempts AND j.status IN "
                + UNFINISHED);
    long exhausted =
        jdbc.queryLong(
            "SELECT count(*) FROM tasks WHERE status IN ('retryable_failed', 'terminal_failed') AND attempts >= max_attempts");
    List<Long> taskJobs =
        jdbc.query(
            "UPDATE tasks t SET status = 'pending', updated_at = now() FROM jobs j WHERE j.id = t.job_id"
                + " AND t.status IN ('retryable_failed', 'terminal_failed') AND t.attempts < t.max_attempts"
                + " AND j.status IN ('completed', 'failed') RETURNING t.job_id",
            rs -> rs.getLong(1));
    List<Long> jobIds = taskJobs.stream().distinct().sorted().toList();
    JobStore jobs = new JobStore(jdbc);
    for (long jobId : jobIds) {
      jdbc.update("UPDATE jobs SET status = 'running', finished_at = NULL WHERE id = ?", jobId);
      jobs.refreshCounts(jobId);
    }
    return new Requeue(taskJobs.size(), jobIds, inRunning, exhausted);
  }

  /**
   * Puts a failed or canceled job back to work, in one statement: its tasks that are not done go
   * back to pending with their attempts, errors and holds cleared, and the job is opened again
   * (status created, its cancel flag and callback reset). Done tasks, and the pages of unfinished
   * ones, are kept: finished pages are skipped by their outputs, pages that failed for their
   * image's sake by their rows. Returns how many tasks were put back, or empty when the job was not
   * failed or canceled.
   */
  public Optional<Integer> restart(long jobId) {
    return jdbc.queryOne(
        "WITH job AS (UPDATE jobs SET status = 'created', finished_at = NULL, cancel_requested = false,"
            + "   callback_sent_at = NULL, callback_attempts = 0, callback_error = NULL"
            + "   WHERE id = ? AND status IN ('failed', 'canceled') RETURNING id),"
            + " back AS (UPDATE tasks t SET status = 'pending', attempts = 0, last_error = NULL,"
            + "   last_error_at = NULL, held_reason = NULL, held_since = NULL, updated_at = now()"
            + "   FROM job WHERE t.job_id = job.id AND t.status <> 'done' RETURNING t.id)"
            + " SELECT (SELECT count(*) FROM back) FROM job",
        rs -> rs.getInt(1),
        jobId);
  }
}
