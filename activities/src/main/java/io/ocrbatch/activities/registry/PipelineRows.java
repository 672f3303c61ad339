package io.ocrbatch.activities.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import io.ocrbatch.activities.files.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

/** The registry's rows as read back, and the jsonb columns' conversion. */
public final class PipelineRows {
  private PipelineRows() {}

  /** A pipeline job: its id, the job it built on, where its results (and registry files) are. */
  public record JobRow(String jobId, String sourceJobId, String resultsRoot, Instant createdAt) {}

  /** A step of a pipeline job with its volume counts. */
  public record StepRow(
      String jobId,
      String step,
      StepStatus status,
      Instant recordedAt,
      String sourceJobId,
      int volumesTotal,
      int volumesSuccessful,
      int volumesFailed,
      Map<String, Object> config,
      Map<String, Object> metadata) {}

  /** An entry of the execution trace: a step's status as recorded, in order. */
  public record TraceRow(String step, String jobId, StepStatus status, Instant recordedAt) {}

  /** A step that covered a volume, with the volume's status in it. */
  public record VolumeHit(
      String jobId,
      String step,
      StepStatus volumeStatus,
      StepStatus stepStatus,
      Instant recordedAt) {}

  /**
   * A pipeline job in a list: its steps and their statuses in the order they were first recorded.
   */
  public record JobSummary(
      String jobId, Instant createdAt, String sourceJobId, Map<String, String> steps) {}

  static JobRow job(ResultSet rs) throws SQLException {
    return new JobRow(
        rs.getString("job_id"),
        rs.getString("source_job_id"),
        rs.getString("results_root"),
        instant(rs, "created_at"));
  }

  static StepRow step(ResultSet rs) throws SQLException {
    return new StepRow(
        rs.getString("job_id"),
        rs.getString("step"),
        StepStatus.parse(rs.getString("status")),
        instant(rs, "recorded_at"),
        rs.getString("source_job_id"),
        rs.getInt("volumes_total"),
        rs.getInt("volumes_successful"),
        rs.getInt("volumes_failed"),
        fromJson(rs.getString("config")),
        fromJson(rs.getString("metadata")));
  }

  static TraceRow trace(ResultSet rs) throws SQLException {
    return new TraceRow(
        rs.getString("step"),
        rs.getString("job_id"),
        StepStatus.parse(rs.getString("status")),
        instant(rs, "recorded_at"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp ts = rs.getTimestamp(column);
    return ts == null ? null : ts.toInstant();
  }

  static String toJson(Map<String, Object> value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> fromJson(String json) {
    try {
      // jsonb keeps keys in its own order (by length): give them back sorted
      return new java.util.TreeMap<>(
          Json.MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {}));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
