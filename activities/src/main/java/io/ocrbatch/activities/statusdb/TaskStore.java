package io.ocrbatch.activities.statusdb;

import io.ocrbatch.workflows.TaskRef;
import io.ocrbatch.workflows.TaskStatus;
import io.ocrbatch.workflows.VolumeListing;
import io.ocrbatch.workflows.VolumeRef;
import io.ocrbatch.workflows.VolumeResult;
import java.time.Instant;
import java.util.List;

/** Task lifecycle writes. Each is safe to repeat: an activity may run twice. */
public final class TaskStore {
  private final Jdbc jdbc;

  public TaskStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** A task's last recorded error, for {@code job status}. */
  public record TaskError(String volume, String status, int attempts, String error, Instant at) {}

  public List<TaskRef> tasksAfter(long jobId, long afterTaskId, int limit) {
    return jdbc.query(
        "SELECT t.id, v.volume_name, v.source_uri FROM tasks t JOIN volumes v ON v.id = t.volume_id"
            + " WHERE t.job_id = ? AND t.id > ? ORDER BY t.id LIMIT ?",
        rs -> new TaskRef(rs.getLong(1), new VolumeRef(rs.getString(2), rs.getString(3))),
        jobId,
        afterTaskId,
        limit);
  }

  /**
   * The job's tasks that still have work (pending, running, or failed retryably), after a task id:
   * what a job's workflow hands out. A job started again (requeue, restart, an intake job) walks
   * only these, so its cost follows the work left, not the job's size.
   */
  public List<TaskRef> tasksWithWorkAfter(long jobId, long afterTaskId, int limit) {
    return jdbc.query(
        "SELECT t.id, v.volume_name, v.source_uri FROM tasks t JOIN volumes v ON v.id = t.volume_id"
            + " WHERE t.job_id = ? AND t.id > ? AND t.status IN ('pending', 'running', 'retryable_failed')"
            + " ORDER BY t.id LIMIT ?",
        rs -> new TaskRef(rs.getLong(1), new VolumeRef(rs.getString(2), rs.getString(3))),
        jobId,
        afterTaskId,
        limit);
  }

  /**
   * Marks the task running, unless it is done or its job is being canceled: an attempt still
   * running when its canceled volume handed the task back must not mark it running again.
   */
  public void started(long taskId, int attempt, int maxAttempts) {
    jdbc.update(
        "UPDATE tasks SET status = 'running', attempts = greatest(attempts, ?), max_attempts = ?,"
            + " started_at = coalesce(started_at, now()), updated_at = now()"
            + " WHERE id = ? AND status <> 'done'"
            + " AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.id = tasks.job_id AND j.cancel_requested)",
        attempt,
        maxAttempts,
        taskId);
  }

  public void listed(long taskId, VolumeListing listing) {
    jdbc.update(
        "UPDATE tasks SET total_pages = ?, output_prefix = ?, updated_at = now() WHERE id = ?",
        listing.pages().size(),
        listing.outputDir(),
        taskId);
    jdbc.update(
        "UPDATE volumes SET version_name = ?, nb_images = ?, manifest_etag = coalesce(?, manifest_etag),"
            + " updated_at = now() WHERE id = (SELECT volume_id FROM tasks WHERE id = ?)",
        listing.version(),
        listing.pages().size(),
        listing.manifestEtag(),
        taskId);
  }

  /**
   * A done task's pages that have no page row of its own were found done (by an earlier job, or an
   * earlier run that wrote {@code success.json}): they count as skipped, not as OCRed (V13).
   */
  private static final String SKIPPED_PAGES =
      " skipped_pages = CASE WHEN CAST(? AS boolean) THEN greatest(0, coalesce(total_pages, 0)"
          + " - coalesce((SELECT m.total_pages FROM task_metrics m WHERE m.task_id = tasks.id), 0))"
          + " ELSE 0 END,";

  public void finished(VolumeResult result, int attempt) {
    boolean done = result.status() == TaskStatus.DONE;
    jdbc.update(
        "UPDATE tasks SET status = ?, attempts = greatest(attempts, ?),"
            + " done_at = CASE WHEN CAST(? AS boolean) THEN coalesce(done_at, now()) ELSE done_at END,"
            + " last_error = coalesce(CAST(? AS text), last_error),"
            + " last_error_at = CASE WHEN CAST(? AS text) IS NULL THEN last_error_at ELSE now() END,"
            + SKIPPED_PAGES
            + " held_reason = NULL, held_since = NULL, updated_at = now() WHERE id = ?",
        result.status().dbName(),
        attempt,
        done,
        result.error(),
        result.error(),
        done,
        result.taskId());
    // task_metrics and the job's counters (done_tasks, failed_tasks, last_progress_at) follow in
    // the same statement (triggers, migration V6); a task that ended without pages still gets
    // its task_metrics row, as before.
    jdbc.update(
        "INSERT INTO task_metrics (task_id) VALUES (?) ON CONFLICT (task_id) DO NOTHING",
        result.taskId());
  }

  public void interrupted(long taskId, String reason) {
    jdbc.update(
        "UPDATE tasks SET status = 'pending', last_error = ?, last_error_at = now(), updated_at = now(),"
            + " held_reason = NULL, held_since = NULL WHERE id = ? AND status = 'running'",
        reason,
        taskId);
  }

  /** The task holds results its output storage refuses ({@code reason} names the folder). */
  public void held(long taskId, String reason) {
    jdbc.update(
        "UPDATE tasks SET held_reason = ?, held_since = coalesce(held_since, now()) WHERE id = ?",
        reason,
        taskId);
  }

  /** The task's held results were written. */
  public void released(long taskId) {
    jdbc.update(
        "UPDATE tasks SET held_reason = NULL, held_since = NULL WHERE id = ? AND held_reason IS NOT NULL",
        taskId);
  }

  /** A running task holding results its output storage refuses. */
  public record Hold(String volume, String reason, Instant since) {}

  /** The job's running tasks that hold results, longest-held first. */
  public List<Hold> holds(long jobId, int limit) {
    return jdbc.query(
        "SELECT v.volume_name, t.held_reason, t.held_since FROM tasks t JOIN volumes v ON v.id = t.volume_id"
            + " WHERE t.job_id = ? AND t.held_reason IS NOT NULL AND t.status = 'running'"
            + " ORDER BY t.held_since, t.id LIMIT ?",
        rs -> new Hold(rs.getString(1), rs.getString(2), JobStore.instant(rs, "held_since")),
        jobId,
        limit);
  }

  /** A finished task's volume and the folder its results are in. */
  public record TaskOutput(String volumeId, String sourceUri, String outputPrefix) {}

  /** The job's done tasks with their result folders, in task order. */
  public List<TaskOutput> doneOutputs(long jobId) {
    return jdbc.query(
        "SELECT v.volume_name, v.source_uri, t.output_prefix FROM tasks t JOIN volumes v ON v.id = t.volume_id"
            + " WHERE t.job_id = ? AND t.status = 'done' AND t.output_prefix IS NOT NULL ORDER BY t.id",
        rs -> new TaskOutput(rs.getString(1), rs.getString(2), rs.getString(3)),
        jobId);
  }

  /**
   * The newest task errors (retryable or terminal) and failed pages ({@code page_failed}): the
   * newest of each kind through its index, then merged; the cost does not grow with the job.
   */
  public List<TaskError> recentErrors(long jobId, int limit) {
    return jdbc.query(
        "SELECT volume, status, attempts, error, at FROM ("
            + " (SELECT v.volume_name AS volume, t.status, t.attempts, t.last_error AS error, t.last_error_at AS at"
            + " FROM tasks t JOIN volumes v ON v.id = t.volume_id WHERE t.job_id = ? AND t.last_error IS NOT NULL AND t.status <> 'done'"
            + " ORDER BY t.last_error_at DESC NULLS LAST LIMIT ?)"
            + " UNION ALL"
            + " (SELECT v.volume_name || '/' || p.image_name, 'page_failed', t.attempts, p.error, p.created_at"
            + " FROM page_metrics p JOIN tasks t ON t.id = p.task_id JOIN volumes v ON v.id = t.volume_id"
            + " WHERE p.job_id = ? AND p.status = 'failed' ORDER BY p.created_at DESC LIMIT ?)) e"
            + " ORDER BY at DESC NULLS LAST LIMIT ?",
        rs ->
            new TaskError(
                rs.getString(1),
                rs.getString(2),
                rs.getInt(3),
                rs.getString(4),
                JobStore.instant(rs, "at")),
        jobId,
        limit,
        jobId,
        limit,
        limit);
  }
}
