package io.ocrbatch.activities.statusdb;

import io.ocrbatch.workflows.JobStatus;
import java.time.Instant;

/**
 * A row of {@code jobs} with its job type's name. {@code force}: results that existed before the
 * job was created are redone; {@code intake}: a rolling job that SQS messages add volumes to;
 * {@code roots}: where a job submitted over HTTP may read and write (null: not confined).
 */
public record JobRecord(
    long id,
    String jobKey,
    long typeId,
    String typeName,
    JobStatus status,
    String outputRoot,
    int concurrency,
    int dpi,
    int pagesPerChunk,
    int maxAttempts,
    int totalTasks,
    int doneTasks,
    int failedTasks,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Instant lastProgressAt,
    boolean cancelRequested,
    int priority,
    String callbackUrl,
    boolean force,
    boolean intake,
    io.ocrbatch.workflows.AllowedRoots roots) {

  /** A row of {@code JobStore}'s job query (jobs joined with the type's name). */
  static JobRecord from(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new JobRecord(
        rs.getLong("id"),
        rs.getString("job_key"),
        rs.getLong("type_id"),
        rs.getString("type_name"),
        io.ocrbatch.workflows.JobStatus.valueOf(rs.getString("status").toUpperCase()),
        rs.getString("output_root"),
        rs.getInt("concurrency"),
        rs.getInt("dpi"),
        rs.getInt("pages_per_chunk"),
        rs.getInt("max_attempts"),
        rs.getInt("total_tasks"),
        rs.getInt("done_tasks"),
        rs.getInt("failed_tasks"),
        JobStore.instant(rs, "created_at"),
        JobStore.instant(rs, "started_at"),
        JobStore.instant(rs, "finished_at"),
        JobStore.instant(rs, "last_progress_at"),
        rs.getBoolean("cancel_requested"),
        rs.getInt("priority"),
        rs.getString("callback_url"),
        rs.getBoolean("force"),
        rs.getBoolean("intake"),
        roots(rs));
  }

  private static io.ocrbatch.workflows.AllowedRoots roots(java.sql.ResultSet rs)
      throws java.sql.SQLException {
    java.sql.Array inputs = rs.getArray("input_roots");
    java.sql.Array outputs = rs.getArray("output_roots");
    if (inputs == null || outputs == null) return null;
    return new io.ocrbatch.workflows.AllowedRoots(
        java.util.List.of((String[]) inputs.getArray()),
        java.util.List.of((String[]) outputs.getArray()));
  }
}
