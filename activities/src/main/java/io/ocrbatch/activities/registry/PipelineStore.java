package io.ocrbatch.activities.registry;

import io.ocrbatch.activities.fault.StoreUnavailableException;
import io.ocrbatch.activities.statusdb.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Writes to the registry's tables. Recording a step is an idempotent upsert (an activity may run
 * twice); the trace gains an entry only when a step's status changes.
 */
public final class PipelineStore {
  private final Jdbc jdbc;

  public PipelineStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @FunctionalInterface
  private interface Work {
    void run(Connection c) throws SQLException;
  }

  /**
   * Records a step (creating its pipeline job if new). Its volume lists, when it has any, replace
   * the step's coverage; a step recorded without lists keeps the coverage it had.
   */
  public void recordStep(StepRecord step, String resultsRoot) {
    inTransaction(
        "record step " + step.step() + " of " + step.jobId(),
        c -> {
          upsertJob(c, step.jobId(), step.sourceJob(), resultsRoot, step.timestamp());
          StepStatus before = statusForUpdate(c, step.jobId(), step.step());
          upsertStep(c, step);
          Coverage v = step.volumes();
          if (!v.succeeded().isEmpty() || !v.failedVolumes().isEmpty()) {
            replaceCoverage(c, step);
          }
          if (before != step.status())
            insertTrace(c, step.jobId(), step.step(), step.status(), step.timestamp());
        });
  }

  /**
   * Sets the step's coverage from an OCR job's tasks, in the database (a job of 100,000 volumes
   * never travels through this process), and its counts from that coverage.
   */
  public void coverFromTasks(String jobId, String step, long ocrJobRowId) {
    jdbc.update(
        "INSERT INTO pipeline_coverage (job_id, step, volume, status)"
            + " SELECT DISTINCT ON (v.volume_name) ?, ?, v.volume_name,"
            + "   CASE t.status WHEN 'done' THEN 'completed' WHEN 'terminal_failed' THEN 'failed'"
            + "   ELSE 'pending' END"
            + " FROM tasks t JOIN volumes v ON v.id = t.volume_id WHERE t.job_id = ?"
            + " ORDER BY v.volume_name, t.id"
            + " ON CONFLICT (job_id, step, volume) DO UPDATE SET status = EXCLUDED.status"
            + " WHERE pipeline_coverage.status IS DISTINCT FROM EXCLUDED.status",
        jobId,
        step,
        ocrJobRowId);
    jdbc.update(
        "UPDATE pipeline_steps s SET volumes_total = c.total, volumes_successful = c.ok,"
            + " volumes_failed = c.failed FROM (SELECT count(*) AS total,"
            + "   count(*) FILTER (WHERE status = 'completed') AS ok,"
            + "   count(*) FILTER (WHERE status = 'failed') AS failed"
            + "   FROM pipeline_coverage WHERE job_id = ? AND step = ?) c"
            + " WHERE s.job_id = ? AND s.step = ?",
        jobId,
        step,
        jobId,
        step);
  }

  /** Records that the job built on another pipeline job (and so did its ocr step). */
  public void linkSource(String jobId, String sourceJobId, String resultsRoot) {
    inTransaction(
        "link " + jobId + " to " + sourceJobId,
        c -> {
          upsertJob(c, jobId, null, resultsRoot, null);
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE pipeline_jobs SET source_job_id = ? WHERE job_id = ?")) {
            ps.setString(1, sourceJobId);
            ps.setString(2, jobId);
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE pipeline_steps SET source_job_id = ? WHERE job_id = ? AND step = ?")) {
            ps.setString(1, sourceJobId);
            ps.setString(2, jobId);
            ps.setString(3, PipelineNames.OCR);
            ps.executeUpdate();
          }
        });
  }

  /**
   * Replaces a job's rows with what its registry document says (rebuild): its own steps, their
   * coverage, its trace entries with their times.
   */
  public void restore(RegistryDocument document, String resultsRoot) {
    inTransaction(
        "restore " + document.jobId(),
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM pipeline_jobs WHERE job_id = ?")) {
            ps.setString(1, document.jobId());
            ps.executeUpdate();
          }
          upsertJob(
              c,
              document.jobId(),
              document.sourceJobId(),
              resultsRoot,
              Instant.parse(document.timestamp()));
          for (StepRecord step : document.ownSteps()) {
            upsertStep(c, step);
            replaceCoverage(c, step);
          }
          for (RegistryDocument.TraceEntry t : document.executionTrace()) {
            if (!t.jobId().equals(document.jobId())) continue; // the source job's, restored there
            insertTrace(
                c, t.jobId(), t.step(), StepStatus.parse(t.status()), Instant.parse(t.timestamp()));
          }
        });
  }

  private void inTransaction(String what, Work work) {
    try (Connection c = jdbc.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try {
        work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreUnavailableException(
          "cannot " + what + " in the pipeline registry: " + e.getMessage(), e);
    }
  }

  private static void upsertJob(
      Connection c, String jobId, String sourceJobId, String resultsRoot, Instant createdAt)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO pipeline_jobs (job_id, source_job_id, results_root, created_at)"
                + " VALUES (?, ?, ?, coalesce(?, now())) ON CONFLICT (job_id) DO UPDATE SET"
                + " source_job_id = coalesce(pipeline_jobs.source_job_id, EXCLUDED.source_job_id),"
                + " results_root = coalesce(EXCLUDED.results_root, pipeline_jobs.results_root)")) {
      ps.setString(1, jobId);
      ps.setString(2, sourceJobId);
      ps.setString(3, resultsRoot);
      ps.setTimestamp(4, createdAt == null ? null : Timestamp.from(createdAt));
      ps.executeUpdate();
    }
  }

  private static StepStatus statusForUpdate(Connection c, String jobId, String step)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT status FROM pipeline_steps WHERE job_id = ? AND step = ? FOR UPDATE")) {
      ps.setString(1, jobId);
      ps.setString(2, step);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? StepStatus.parse(rs.getString(1)) : null;
      }
    }
  }

  private static void upsertStep(Connection c, StepRecord s) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO pipeline_steps (job_id, step, status, recorded_at, source_job_id,"
                + " volumes_total, volumes_successful, volumes_failed, config, metadata)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb))"
                + " ON CONFLICT (job_id, step) DO UPDATE SET status = EXCLUDED.status,"
                + " recorded_at = EXCLUDED.recorded_at,"
                + " source_job_id = coalesce(EXCLUDED.source_job_id, pipeline_steps.source_job_id),"
                + " volumes_total = EXCLUDED.volumes_total,"
                + " volumes_successful = EXCLUDED.volumes_successful,"
                + " volumes_failed = EXCLUDED.volumes_failed,"
                + " config = EXCLUDED.config, metadata = EXCLUDED.metadata")) {
      ps.setString(1, s.jobId());
      ps.setString(2, s.step());
      ps.setString(3, s.status().dbName());
      ps.setTimestamp(4, Timestamp.from(s.timestamp()));
      ps.setString(5, s.sourceJob());
      ps.setInt(6, s.volumes().total());
      ps.setInt(7, s.volumes().successful());
      ps.setInt(8, s.volumes().failed());
      ps.setString(9, PipelineRows.toJson(s.config()));
      ps.setString(10, PipelineRows.toJson(s.metadata()));
      ps.executeUpdate();
    }
  }

  private static void replaceCoverage(Connection c, StepRecord s) throws SQLException {
    try (PreparedStatement delete =
        c.prepareStatement("DELETE FROM pipeline_coverage WHERE job_id = ? AND step = ?")) {
      delete.setString(1, s.jobId());
      delete.setString(2, s.step());
      delete.executeUpdate();
    }
    String ok = s.status() == StepStatus.PENDING ? "pending" : "completed";
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO pipeline_coverage (job_id, step, volume, status) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (job_id, step, volume) DO UPDATE SET status = EXCLUDED.status")) {
      addAll(insert, s, s.volumes().succeeded(), ok);
      addAll(insert, s, s.volumes().failedVolumes(), "failed");
      insert.executeBatch();
    }
  }

  private static void addAll(
      PreparedStatement insert, StepRecord s, List<String> volumes, String status)
      throws SQLException {
    for (String volume : volumes) {
      insert.setString(1, s.jobId());
      insert.setString(2, s.step());
      insert.setString(3, volume);
      insert.setString(4, status);
      insert.addBatch();
    }
  }

  private static void insertTrace(
      Connection c, String jobId, String step, StepStatus status, Instant at) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO pipeline_trace (job_id, step, status, recorded_at) VALUES (?, ?, ?, ?)")) {
      ps.setString(1, jobId);
      ps.setString(2, step);
      ps.setString(3, status.dbName());
      ps.setTimestamp(4, Timestamp.from(at));
      ps.executeUpdate();
    }
  }
}
