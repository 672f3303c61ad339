package io.ocrbatch.activities.registry;

import io.ocrbatch.activities.registry.PipelineRows.JobRow;
import io.ocrbatch.activities.registry.PipelineRows.JobSummary;
import io.ocrbatch.activities.registry.PipelineRows.StepRow;
import io.ocrbatch.activities.registry.PipelineRows.TraceRow;
import io.ocrbatch.activities.registry.PipelineRows.VolumeHit;
import io.ocrbatch.activities.statusdb.Jdbc;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads of the registry's tables. */
public final class PipelineQueries {
  private final Jdbc jdbc;

  public PipelineQueries(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<JobRow> job(String jobId) {
    return jdbc.queryOne("SELECT * FROM pipeline_jobs WHERE job_id = ?", PipelineRows::job, jobId);
  }

  /** The newest pipeline job. */
  public Optional<String> latest() {
    return jdbc.queryOne(
        "SELECT job_id FROM pipeline_jobs ORDER BY created_at DESC, job_id DESC LIMIT 1",
        rs -> rs.getString(1));
  }

  /** The job's steps in the order each was first recorded. */
  public List<StepRow> steps(String jobId) {
    return jdbc.query(
        "SELECT s.* FROM pipeline_steps s WHERE s.job_id = ? ORDER BY"
            + " (SELECT min(t.id) FROM pipeline_trace t WHERE t.job_id = s.job_id AND t.step = s.step)"
            + " NULLS LAST, s.recorded_at, s.step",
        PipelineRows::step,
        jobId);
  }

  public Optional<StepRow> step(String jobId, String step) {
    return jdbc.queryOne(
        "SELECT * FROM pipeline_steps WHERE job_id = ? AND step = ?",
        PipelineRows::step,
        jobId,
        step);
  }

  public List<TraceRow> trace(String jobId) {
    return jdbc.query(
        "SELECT * FROM pipeline_trace WHERE job_id = ? ORDER BY id", PipelineRows::trace, jobId);
  }

  /** The volumes a step covered with this status, by name. */
  public List<String> volumes(String jobId, String step, StepStatus status) {
    return jdbc.query(
        "SELECT volume FROM pipeline_coverage WHERE job_id = ? AND step = ? AND status = ?"
            + " ORDER BY volume",
        rs -> rs.getString(1),
        jobId,
        step,
        status.dbName());
  }

  /** Every step of every job that covered the volume, oldest first (an index lookup). */
  public List<VolumeHit> findVolume(String volume) {
    return jdbc.query(
        "SELECT c.job_id, c.step, c.status, s.status AS step_status, s.recorded_at"
            + " FROM pipeline_coverage c JOIN pipeline_steps s"
            + "   ON s.job_id = c.job_id AND s.step = c.step"
            + " WHERE c.volume = ? ORDER BY s.recorded_at, c.job_id, c.step",
        rs ->
            new VolumeHit(
                rs.getString(1),
                rs.getString(2),
                StepStatus.parse(rs.getString(3)),
                StepStatus.parse(rs.getString(4)),
                PipelineRows.instant(rs, "recorded_at")),
        volume);
  }

  /** Newest first; with a step name, only jobs that have that step. */
  public List<JobSummary> list(String step, int limit) {
    return jdbc.query(
        "SELECT j.job_id, j.created_at, j.source_job_id,"
            + " coalesce(string_agg(s.step || '=' || s.status, ',' ORDER BY s.recorded_at), '')"
            + "   AS steps"
            + " FROM pipeline_jobs j LEFT JOIN pipeline_steps s ON s.job_id = j.job_id"
            + " WHERE CAST(? AS text) IS NULL OR EXISTS (SELECT 1 FROM pipeline_steps f"
            + "   WHERE f.job_id = j.job_id AND f.step = ?)"
            + " GROUP BY j.job_id ORDER BY j.created_at DESC, j.job_id DESC LIMIT ?",
        rs ->
            new JobSummary(
                rs.getString(1),
                PipelineRows.instant(rs, "created_at"),
                rs.getString(3),
                parseSteps(rs.getString(4))),
        step,
        step,
        limit);
  }

  /**
   * The newest other pipeline job whose completed source step covered every volume of the OCR job
   * with this key, found in the database whatever the number of volumes.
   */
  public Optional<String> sourceCovering(String ocrJobKey) {
    return jdbc.queryOne(
        "WITH wanted AS (SELECT DISTINCT v.volume_name AS volume FROM tasks t"
            + "   JOIN volumes v ON v.id = t.volume_id JOIN jobs j ON j.id = t.job_id"
            + "   WHERE j.job_key = ?)"
            + " SELECT c.job_id FROM wanted w"
            + " JOIN pipeline_coverage c ON c.volume = w.volume AND c.step = 'source'"
            + "   AND c.status = 'completed'"
            + " JOIN pipeline_steps s ON s.job_id = c.job_id AND s.step = 'source'"
            + "   AND s.status = 'completed'"
            + " WHERE c.job_id <> ?"
            + " GROUP BY c.job_id, s.recorded_at HAVING count(*) = (SELECT count(*) FROM wanted)"
            + " ORDER BY s.recorded_at DESC, c.job_id DESC LIMIT 1",
        rs -> rs.getString(1),
        ocrJobKey,
        ocrJobKey);
  }

  private static Map<String, String> parseSteps(String joined) {
    Map<String, String> steps = new LinkedHashMap<>();
    if (joined.isEmpty()) return steps;
    for (String pair : joined.split(",")) {
      int eq = pair.lastIndexOf('=');
      steps.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return steps;
  }
}
