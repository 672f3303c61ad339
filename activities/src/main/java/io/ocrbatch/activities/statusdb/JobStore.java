package io.ocrbatch.activities.statusdb;

import io.ocrbatch.activities.fault.StoreUnavailableException;
import io.ocrbatch.workflows.JobStatus;
import io.ocrbatch.workflows.Outcome;
import io.ocrbatch.workflows.VolumeRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Jobs and their tasks as rows. Creating a job is idempotent on its key. */
public final class JobStore {
  private static final String SELECT =
      "SELECT j.*, jt.name AS type_name FROM jobs j JOIN job_types jt ON jt.id = j.type_id ";

  private final Jdbc jdbc;

  public JobStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** The result of {@link #create}: the job, and whether it existed already under that key. */
  public record Created(JobRecord job, boolean existed) {}

  /** Records the job and one task per volume in one transaction, unless the key exists. */
  public Created create(NewJob job) {
    Optional<JobRecord> existing = byKey(job.jobKey());
    if (existing.isPresent()) return new Created(existing.get(), true);
    try (Connection c = jdbc.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try {
        Long jobId = insertJob(c, job);
        if (jobId == null) { // lost a race with another creator of the same key
          c.rollback();
          return new Created(byKey(job.jobKey()).orElseThrow(), true);
        }
        insertTasks(c, jobId, job);
        c.commit();
        return new Created(byId(jobId).orElseThrow(), false);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreUnavailableException(
          "cannot record job " + job.jobKey() + ": " + e.getMessage(), e);
    }
  }

  private static Long insertJob(Connection c, NewJob job) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO jobs (job_key, type_id, output_root, concurrency, dpi, pages_per_chunk,"
                + " max_attempts, total_tasks, priority, callback_url, force, intake, input_roots,"
                + " output_roots) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (job_key) DO NOTHING RETURNING id")) {
      ps.setString(1, job.jobKey());
      ps.setLong(2, job.typeId());
      ps.setString(3, job.outputRoot());
      ps.setInt(4, job.concurrency());
      ps.setInt(5, job.dpi());
      ps.setInt(6, job.pagesPerChunk());
      ps.setInt(7, job.maxAttempts());
      ps.setInt(8, 0); // total_tasks: each task row inserted adds itself (trigger, V6)
      ps.setInt(9, job.priority());
      ps.setString(10, job.callbackUrl());
      ps.setBoolean(11, job.force());
      ps.setBoolean(12, job.intake());
      ps.setObject(13, job.roots() == null ? null : job.roots().inputs().toArray(String[]::new));
      ps.setObject(14, job.roots() == null ? null : job.roots().outputs().toArray(String[]::new));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  private static void insertTasks(Connection c, long jobId, NewJob job) throws SQLException {
    TaskRows.insert(c, jobId, job.volumes(), job.maxAttempts());
  }

  public Optional<JobRecord> byKey(String jobKey) {
    return jdbc.queryOne(SELECT + "WHERE j.job_key = ?", JobRecord::from, jobKey);
  }

  public Optional<JobRecord> byId(long id) {
    return jdbc.queryOne(SELECT + "WHERE j.id = ?", JobRecord::from, id);
  }

  /** Newest first, filtered by status; an empty include list means every status. */
  public List<JobRecord> list(
      List<String> includeStatuses, List<String> excludeStatuses, int limit) {
    return list(includeStatuses, excludeStatuses, limit, 0);
  }

  /**
   * A page of {@link #list(List, List, int)}: {@code limit} jobs after the newest {@code offset}.
   */
  public List<JobRecord> list(
      List<String> includeStatuses, List<String> excludeStatuses, int limit, int offset) {
    List<Object> params = new ArrayList<>();
    StringBuilder where = new StringBuilder("WHERE true ");
    if (!includeStatuses.isEmpty()) {
      where.append("AND j.status = ANY (?) ");
      params.add(includeStatuses.toArray(String[]::new));
    }
    if (!excludeStatuses.isEmpty()) {
      where.append("AND NOT (j.status = ANY (?)) ");
      params.add(excludeStatuses.toArray(String[]::new));
    }
    params.add(limit);
    params.add(offset);
    return jdbc.query(
        SELECT + where + "ORDER BY j.created_at DESC, j.id DESC LIMIT ? OFFSET ?",
        JobRecord::from,
        params.toArray());
  }

  /** What a submitter chose beyond the volumes; set once, when the job is created. */
  public void setSubmissionOptions(long jobId, int priority, String callbackUrl, boolean force) {
    jdbc.update(
        "UPDATE jobs SET priority = ?, callback_url = ?, force = ? WHERE id = ?",
        priority,
        callbackUrl,
        force,
        jobId);
  }

  /** For a job that redoes existing results ({@code force}): results older than this are redone. */
  public Optional<Instant> redoResultsBefore(long jobId) {
    return jdbc.queryOne(
        "SELECT created_at FROM jobs WHERE id = ? AND force",
        rs -> instant(rs, "created_at"),
        jobId);
  }

  /**
   * Adds tasks for volumes the job does not have yet (a volume already in the job is left as it is:
   * a redelivered request adds nothing). Returns how many were added.
   */
  public int addTasks(long jobId, List<VolumeRef> volumes, int maxAttempts) {
    long before = jdbc.queryLong("SELECT count(*) FROM tasks WHERE job_id = ?", jobId);
    try (Connection c = jdbc.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try {
        TaskRows.insert(c, jobId, volumes, maxAttempts);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreUnavailableException(
          "cannot add volumes to job " + jobId + ": " + e.getMessage(), e);
    }
    refreshCounts(jobId);
    return (int) (jdbc.queryLong("SELECT count(*) FROM tasks WHERE job_id = ?", jobId) - before);
  }

  /** Opens an ended intake job again, so new volumes run under it. */
  public void reopen(long jobId) {
    jdbc.update(
        "UPDATE jobs SET status = 'created', finished_at = NULL, cancel_requested = false,"
            + " callback_sent_at = NULL, callback_attempts = 0 WHERE id = ? AND status IN ('completed', 'failed', 'canceled')",
        jobId);
  }

  /** A job whose end is to be told to its callback URL. */
  public record PendingCallback(long jobId, String jobKey, String url, int attempts) {}

  /** Ended jobs with a callback not delivered yet and attempts left. */
  public List<PendingCallback> pendingCallbacks(int maxAttempts) {
    return jdbc.query(
        "SELECT id, job_key, callback_url, callback_attempts FROM jobs WHERE callback_url IS NOT NULL"
            + " AND callback_sent_at IS NULL AND callback_attempts < ?"
            + " AND status IN ('completed', 'failed', 'canceled') ORDER BY finished_at",
        rs -> new PendingCallback(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)),
        maxAttempts);
  }

  public void callbackAttempted(long jobId, String errorOrNull) {
    jdbc.update(
        "UPDATE jobs SET callback_attempts = callback_attempts + 1, callback_error = ?,"
            + " callback_sent_at = CASE WHEN CAST(? AS text) IS NULL THEN now() END WHERE id = ?",
        errorOrNull,
        errorOrNull,
        jobId);
  }

  /** Jobs that have not ended, oldest first: start-up reconciliation restarts them. */
  public List<JobRecord> unfinished() {
    return jdbc.query(
        SELECT + "WHERE j.status IN ('created', 'running', 'paused') ORDER BY j.id",
        JobRecord::from);
  }

  public void markStarted(long jobId) {
    jdbc.update(
        "UPDATE jobs SET status = 'running', started_at = coalesce(started_at, now()),"
            + " last_progress_at = now() WHERE id = ? AND status IN ('created', 'running', 'paused')",
        jobId);
  }

  public void markPaused(long jobId, boolean paused) {
    jdbc.update(
        "UPDATE jobs SET status = ? WHERE id = ? AND status IN ('running', 'paused')",
        paused ? "paused" : "running",
        jobId);
  }

  /**
   * Ends the job. A job its workflow ends completed gets the status {@link Outcome} gives its
   * counts here: failed when some of its tasks failed terminally (maybe in an earlier run: a
   * started-again job's workflow does not see those tasks) or its pages all failed, and failed too
   * while some tasks have not ended (a volume handed back as pending): {@code job restart} runs
   * them.
   */
  public void markFinished(long jobId, JobStatus status) {
    refreshCounts(jobId);
    JobStatus end = status;
    if (status == JobStatus.COMPLETED) {
      JobProgressStore.Counts c = new JobProgressStore(jdbc).counts(jobId);
      end = Outcome.of(false, c.terminal(), c.pagesSucceeded(), c.pagesFailed()).status();
    }
    jdbc.update(
        "UPDATE jobs SET status = CASE WHEN ? = 'completed' AND EXISTS"
            + " (SELECT 1 FROM tasks t WHERE t.job_id = jobs.id"
            + " AND t.status IN ('pending', 'running', 'retryable_failed')) THEN 'failed' ELSE ? END,"
            + " finished_at = coalesce(finished_at, now()) WHERE id = ?",
        end.dbName(),
        end.dbName(),
        jobId);
  }

  /** Flags the job: page activities stop before their next page. */
  public void requestCancel(long jobId) {
    jdbc.update("UPDATE jobs SET cancel_requested = true WHERE id = ?", jobId);
  }

  /** What page activities check before each page; a job that is gone counts as canceled. */
  public record Flags(boolean cancelRequested, boolean paused) {}

  public Flags flags(long jobId) {
    return jdbc.queryOne(
            "SELECT cancel_requested, status = 'paused' FROM jobs WHERE id = ?",
            rs -> new Flags(rs.getBoolean(1), rs.getBoolean(2)),
            jobId)
        .orElse(new Flags(true, false));
  }

  public boolean cancelRequested(long jobId) {
    return jdbc.queryOne(
            "SELECT cancel_requested FROM jobs WHERE id = ?", rs -> rs.getBoolean(1), jobId)
        .orElse(true);
  }

  /** Recomputes the job's task counters from its tasks (idempotent). */
  public void refreshCounts(long jobId) {
    jdbc.update(
        "UPDATE jobs j SET total_tasks = c.total, done_tasks = c.done, failed_tasks = c.failed,"
            + " last_progress_at = now()"
            + " FROM (SELECT count(*) AS total,"
            + "   count(*) FILTER (WHERE status = 'done') AS done,"
            + "   count(*) FILTER (WHERE status = 'terminal_failed') AS failed"
            + "   FROM tasks WHERE job_id = ?) c WHERE j.id = ?",
        jobId,
        jobId);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp ts = rs.getTimestamp(column);
    return ts == null ? null : ts.toInstant();
  }
}
