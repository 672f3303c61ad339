package io.ocrbatch.activities.statusdb;

import io.ocrbatch.activities.fault.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code files} table: what discovery and ingest found, and where each file's processing
 * stands. Writes are idempotent (an activity may run twice): registering the same file again with
 * the same fingerprint changes nothing.
 */
public final class FileRegistry {
  private final Jdbc jdbc;

  public FileRegistry(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * What {@link #register} did; {@code pending} lists the files it made pending (new or changed,
   * not skipped).
   */
  public record Registered(
      int added, int changed, int skipped, int unchanged, List<Pending> pending) {
    public Registered(int added, int changed, int skipped, int unchanged) {
      this(added, changed, skipped, unchanged, List.of());
    }

    /** The counts alone (for reports and comparisons). */
    public Registered counts() {
      return new Registered(added, changed, skipped, unchanged);
    }
  }

  /** A file made pending by registering it. */
  public record Pending(
      long id, String sourceUri, String fileName, int priority, boolean changed) {}

  /**
   * Adds new files and makes changed ones (another fingerprint) pending again with a fresh retry
   * budget, in one statement per call. Unsupported files are recorded as skipped with the reason.
   */
  public Registered register(String origin, int maxRetries, List<FoundFile> files) {
    if (files.isEmpty()) return new Registered(0, 0, 0, 0);
    String sql =
        "INSERT INTO files AS f (origin, publisher, file_name, source_uri, size_bytes, format,"
            + " fingerprint, status, skip_reason, priority, max_retries)"
            + " SELECT ?, p, n, u, s, fmt, fp, CASE WHEN fmt IS NULL THEN 'skipped' ELSE 'pending' END,"
            + " r, pr, ? FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[],"
            + " ?::text[], ?::text[], ?::int[]) AS x(p, n, u, s, fmt, fp, r, pr)"
            + " ON CONFLICT (source_uri) DO UPDATE SET size_bytes = EXCLUDED.size_bytes,"
            + " format = EXCLUDED.format, fingerprint = EXCLUDED.fingerprint,"
            + " status = EXCLUDED.status, skip_reason = EXCLUDED.skip_reason,"
            + " priority = EXCLUDED.priority, max_retries = EXCLUDED.max_retries,"
            + " retry_count = 0, error_message = NULL, started_at = NULL, completed_at = NULL,"
            + " job_id = NULL, changed_at = now(), updated_at = now()"
            + " WHERE f.fingerprint IS DISTINCT FROM EXCLUDED.fingerprint"
            + " RETURNING (xmax = 0) AS inserted, status, id, source_uri, file_name, priority";
    int added = 0, changed = 0, skipped = 0;
    List<Pending> pending = new ArrayList<>();
    try (Connection c = jdbc.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      int n = files.size();
      String[] publishers = new String[n], names = new String[n], uris = new String[n];
      String[] formats = new String[n], prints = new String[n], reasons = new String[n];
      Long[] sizes = new Long[n];
      Integer[] priorities = new Integer[n];
      for (int i = 0; i < n; i++) {
        FoundFile f = files.get(i);
        publishers[i] = f.publisher();
        names[i] = f.fileName();
        uris[i] = f.sourceUri();
        sizes[i] = f.size();
        formats[i] = f.format();
        prints[i] = f.fingerprint();
        reasons[i] = f.skipReason();
        priorities[i] = f.priority();
      }
      ps.setString(1, origin);
      ps.setInt(2, maxRetries);
      ps.setArray(3, c.createArrayOf("text", publishers));
      ps.setArray(4, c.createArrayOf("text", names));
      ps.setArray(5, c.createArrayOf("text", uris));
      ps.setArray(6, c.createArrayOf("bigint", sizes));
      ps.setArray(7, c.createArrayOf("text", formats));
      ps.setArray(8, c.createArrayOf("text", prints));
      ps.setArray(9, c.createArrayOf("text", reasons));
      ps.setArray(10, c.createArrayOf("int4", priorities));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getBoolean("inserted")) added++;
          else changed++;
          if ("skipped".equals(rs.getString("status"))) skipped++;
          else
            pending.add(
                new Pending(
                    rs.getLong("id"),
                    rs.getString("source_uri"),
                    rs.getString("file_name"),
                    rs.getInt("priority"),
                    !rs.getBoolean("inserted")));
        }
      }
    } catch (SQLException e) {
      throw new StoreUnavailableException("cannot register files: " + e.getMessage(), e);
    }
    return new Registered(added, changed, skipped, files.size() - added - changed, pending);
  }

  /**
   * Takes up to {@code limit} files of an origin to process, most urgent first: pending ones,
   * failed ones with retries left, and ones left processing longer than {@code staleAfter} (their
   * run was lost). Each taken file counts an attempt.
   */
  public List<FileRow> claim(String origin, int limit, Duration staleAfter) {
    List<FileRow> taken =
        jdbc.query(
            "UPDATE files SET status = 'processing', started_at = now(), completed_at = NULL,"
                + " attempts = attempts + 1, updated_at = now() WHERE id IN (SELECT id FROM files"
                + " WHERE origin = ? AND (status = 'pending' OR (status = 'failed' AND retry_count <="
                + " max_retries) OR (status = 'processing' AND started_at < now() - ? * interval '1"
                + " second')) ORDER BY priority, id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING "
                + FileRow.COLUMNS,
            FileRow::from,
            origin,
            staleAfter.toSeconds(),
            limit);
    List<FileRow> ordered = new ArrayList<>(taken); // RETURNING keeps no order
    ordered.sort(Comparator.comparingInt(FileRow::priority).thenComparingLong(FileRow::id));
    return ordered;
  }

  /** Files submitted as volumes of a job (bulk ingest): they follow its tasks from now on. */
  public void assignJob(List<Long> fileIds, long jobId) {
    jdbc.update(
        "UPDATE files SET job_id = ?, updated_at = now() WHERE id = ANY (?)",
        jobId,
        fileIds.toArray(Long[]::new));
  }

  public void assignJob(long fileId, long jobId) {
    jdbc.update("UPDATE files SET job_id = ?, updated_at = now() WHERE id = ?", jobId, fileId);
  }

  public void completed(long fileId, String outputPath) {
    jdbc.update(
        "UPDATE files SET status = 'completed', completed_at = now(), output_path = ?,"
            + " error_message = NULL, updated_at = now() WHERE id = ? AND status = 'processing'",
        outputPath,
        fileId);
  }

  /** A failed attempt: the file ends failed with the error, and counts one more failure. */
  public void failed(long fileId, String error) {
    jdbc.update(
        "UPDATE files SET status = 'failed', completed_at = now(), error_message = ?,"
            + " retry_count = retry_count + 1, updated_at = now() WHERE id = ? AND status ="
            + " 'processing'",
        error,
        fileId);
  }

  public FileStats stats() {
    FileStats stats = new FileStats(FileStats.zeros(), new ArrayList<>());
    Map<String, Map<String, Long>> byPublisher = new LinkedHashMap<>();
    jdbc.query(
        "SELECT publisher, status, n FROM file_counts WHERE n <> 0 ORDER BY publisher",
        rs -> {
          String status = rs.getString("status");
          long n = rs.getLong("n");
          stats.total().merge(status, n, Long::sum);
          byPublisher
              .computeIfAbsent(rs.getString("publisher"), p -> FileStats.zeros())
              .put(status, n);
          return null;
        });
    byPublisher.forEach((p, counts) -> stats.publishers().add(new FileStats.Publisher(p, counts)));
    return stats;
  }

  /** Files by publisher and status (either may be null), newest first. */
  public List<FileRow> list(String publisher, String status, int limit) {
    return jdbc.query(
        "SELECT "
            + FileRow.COLUMNS
            + " FROM files WHERE (?::text IS NULL OR publisher = ?) AND (?::text IS NULL OR"
            + " status = ?) ORDER BY id DESC LIMIT ?",
        FileRow::from,
        publisher,
        publisher,
        status,
        status,
        limit);
  }

  /** Failed files (of a publisher, when given) back to pending, with a fresh retry budget. */
  public int resetFailed(String publisher) {
    return jdbc.update(
        "UPDATE files SET status = 'pending', retry_count = 0, error_message = NULL,"
            + " completed_at = NULL, updated_at = now() WHERE status = 'failed' AND (?::text IS"
            + " NULL OR publisher = ?)",
        publisher,
        publisher);
  }

  /** Forgets completed files older than {@code age}; returns how many. */
  public int cleanupCompleted(Duration age) {
    return jdbc.update(
        "DELETE FROM files WHERE status = 'completed' AND completed_at < now() - ? * interval '1"
            + " second'",
        age.toSeconds());
  }

  /** The newest error of a job: a task's, else a failed page's; null when none was recorded. */
  public String jobError(long jobId) {
    return jdbc.queryOne(
            "SELECT coalesce((SELECT last_error FROM tasks WHERE job_id = ? AND last_error IS NOT"
                + " NULL ORDER BY last_error_at DESC NULLS LAST LIMIT 1), (SELECT p.image_name ||"
                + " ': ' || p.error FROM page_metrics p JOIN tasks t ON t.id = p.task_id WHERE"
                + " t.job_id = ? AND p.status = 'failed' ORDER BY p.id DESC LIMIT 1))",
            rs -> rs.getString(1),
            jobId,
            jobId)
        .orElse(null);
  }

  /** Files of one origin by status (an ingest's progress). */
  public Map<String, Long> countsOf(String origin) {
    Map<String, Long> counts = FileStats.zeros();
    jdbc.query(
        "SELECT status, count(*) AS n FROM files WHERE origin = ? GROUP BY status",
        rs -> counts.put(rs.getString("status"), rs.getLong("n")),
        origin);
    return counts;
  }
}
