package io.ocrbatch.activities.statusdb;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Files uploaded through {@code /ocr/submit}: one job each, kept until their retention ends. */
public final class UploadStore {
  private static final String SELECT =
      "SELECT u.*, j.job_key FROM uploads u JOIN jobs j ON j.id = u.job_id ";
  private final Jdbc jdbc;

  public UploadStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * @param folder where the upload and its results live (removed when it expires)
   * @param model the job type's name
   */
  public record Upload(
      long jobId,
      String jobKey,
      String filename,
      String folder,
      int totalPages,
      int dpi,
      String model,
      Instant submittedAt,
      Instant expiredAt) {

    public boolean expired() {
      return expiredAt != null;
    }
  }

  public void record(
      long jobId, String filename, String folder, int totalPages, int dpi, String model) {
    jdbc.update(
        "INSERT INTO uploads (job_id, filename, folder, total_pages, dpi, model) VALUES (?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (job_id) DO NOTHING",
        jobId,
        filename,
        folder,
        totalPages,
        dpi,
        model);
  }

  public Optional<Upload> byJobKey(String jobKey) {
    return jdbc.queryOne(SELECT + "WHERE j.job_key = ?", UploadStore::map, jobKey);
  }

  /**
   * Uploads whose job ended longer than {@code retention} ago and that have not been removed yet.
   */
  public List<Upload> expirable(Duration retention) {
    return jdbc.query(
        SELECT
            + "WHERE u.expired_at IS NULL AND j.finished_at < now() - make_interval(secs => ?) ORDER BY j.finished_at",
        UploadStore::map,
        (double) retention.toSeconds());
  }

  public void markExpired(long jobId) {
    jdbc.update(
        "UPDATE uploads SET expired_at = now() WHERE job_id = ? AND expired_at IS NULL", jobId);
  }

  private static Upload map(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Upload(
        rs.getLong("job_id"),
        rs.getString("job_key"),
        rs.getString("filename"),
        rs.getString("folder"),
        rs.getInt("total_pages"),
        rs.getInt("dpi"),
        rs.getString("model"),
        JobStore.instant(rs, "submitted_at"),
        JobStore.instant(rs, "expired_at"));
  }
}
