package io.ocrbatch.activities.statusdb;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** One registered file, as {@code files list} and {@code GET /api/files} show it. */
public record FileRow(
    long id,
    String origin,
    String publisher,
    String fileName,
    String sourceUri,
    long size,
    String format,
    String status,
    String skipReason,
    Instant discoveredAt,
    Instant startedAt,
    Instant completedAt,
    String errorMessage,
    int retryCount,
    int maxRetries,
    int attempts,
    String outputPath,
    int priority,
    Long jobId) {

  static final String COLUMNS =
      "id, origin, publisher, file_name, source_uri, size_bytes, format, status, skip_reason,"
          + " discovered_at, started_at, completed_at, error_message, retry_count, max_retries,"
          + " attempts, output_path, priority, job_id";

  static FileRow from(ResultSet rs) throws SQLException {
    return new FileRow(
        rs.getLong("id"),
        rs.getString("origin"),
        rs.getString("publisher"),
        rs.getString("file_name"),
        rs.getString("source_uri"),
        rs.getLong("size_bytes"),
        rs.getString("format"),
        rs.getString("status"),
        rs.getString("skip_reason"),
        instant(rs.getTimestamp("discovered_at")),
        instant(rs.getTimestamp("started_at")),
        instant(rs.getTimestamp("completed_at")),
        rs.getString("error_message"),
        rs.getInt("retry_count"),
        rs.getInt("max_retries"),
        rs.getInt("attempts"),
        rs.getString("output_path"),
        rs.getInt("priority"),
        rs.getObject("job_id", Long.class));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
