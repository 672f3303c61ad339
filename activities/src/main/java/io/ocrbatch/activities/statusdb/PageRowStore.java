package io.ocrbatch.activities.statusdb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Per-page and per-task metrics. */
public final class PageRowStore {
  private final Jdbc jdbc;

  public PageRowStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * One page's outcome; {@code error} is null for a page that succeeded, {@code imageEtag} for an
   * image read from local disk; {@code redo} marks a page that failed for a reason outside its
   * image (missing, unreadable), which its task OCRs again.
   */
  public record PageMetric(
      String imageName,
      boolean ok,
      long durationMs,
      int linesDetected,
      Float confidence,
      String error,
      String imageEtag,
      boolean redo) {

    public PageMetric(
        String imageName,
        boolean ok,
        long durationMs,
        int linesDetected,
        Float confidence,
        String error,
        String imageEtag) {
      this(imageName, ok, durationMs, linesDetected, confidence, error, imageEtag, false);
    }

    public PageMetric(
        String imageName,
        boolean ok,
        long durationMs,
        int linesDetected,
        Float confidence,
        String error) {
      this(imageName, ok, durationMs, linesDetected, confidence, error, null);
    }
  }

  private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String INSERT_PAGE =
      "INSERT INTO page_metrics (task_id, image_name, status, duration_ms, lines_detected, confidence, error, worker, image_etag, redo)"
          + " VALUES "
          + ROW
          + " ON CONFLICT (task_id, image_name)";

  private static final String UPSERT_PAGE =
      INSERT_PAGE
          + " DO UPDATE SET status = EXCLUDED.status,"
          + " duration_ms = EXCLUDED.duration_ms, lines_detected = EXCLUDED.lines_detected,"
          + " confidence = EXCLUDED.confidence, error = EXCLUDED.error, worker = EXCLUDED.worker,"
          + " image_etag = EXCLUDED.image_etag, redo = EXCLUDED.redo, created_at = now()";

  /** Records a page's outcome; a repeat (the activity ran twice) overwrites the first. */
  public void recordPage(long taskId, PageMetric page, String worker) {
    insert(UPSERT_PAGE, taskId, page, worker);
  }

  /**
   * Records several pages' outcomes in one statement, each as {@link #recordPage} does (a page
   * named twice keeps its last outcome).
   */
  public void recordPages(long taskId, List<PageMetric> pages, String worker) {
    Map<String, PageMetric> byName = new LinkedHashMap<>();
    pages.forEach(page -> byName.put(page.imageName(), page));
    if (byName.isEmpty()) return;
    String values = String.join(", ", Collections.nCopies(byName.size(), ROW));
    List<Object> params = new ArrayList<>();
    byName.values().forEach(page -> params.addAll(Arrays.asList(parameters(taskId, page, worker))));
    jdbc.update(UPSERT_PAGE.replace(" VALUES " + ROW, " VALUES " + values), params.toArray());
  }

  /** Records a page's outcome unless it has a row already (which is kept as it is). */
  public void recordPageIfAbsent(long taskId, PageMetric page, String worker) {
    insert(INSERT_PAGE + " DO NOTHING", taskId, page, worker);
  }

  /**
   * Which of {@code imageNames} have a row for the task: one primary-key lookup per name, however
   * large the table.
   */
  public Set<String> recorded(long taskId, Collection<String> imageNames) {
    if (imageNames.isEmpty()) return Set.of();
    return new HashSet<>(
        jdbc.query(
            "SELECT image_name FROM page_metrics WHERE task_id = ? AND image_name = ANY(?)",
            rs -> rs.getString(1),
            taskId,
            imageNames.toArray(String[]::new)));
  }

  private void insert(String sql, long taskId, PageMetric page, String worker) {
    jdbc.update(sql, parameters(taskId, page, worker));
  }

  private static Object[] parameters(long taskId, PageMetric page, String worker) {
    return new Object[] {
      taskId,
      page.imageName(),
      page.ok() ? "ok" : "failed",
      page.durationMs(),
      page.linesDetected(),
      page.confidence(),
      page.error(),
      worker,
      page.imageEtag(),
      page.redo()
    };
  }

  private static final String SELECT_PAGE =
      "SELECT image_name, status, duration_ms, lines_detected, confidence, error, image_etag, redo"
          + " FROM page_metrics";

  public List<PageMetric> pages(long taskId) {
    return jdbc.query(
        SELECT_PAGE + " WHERE task_id = ? ORDER BY image_name", PageRowStore::page, taskId);
  }

  /** The rows of these pages of the task only (a page of a long result). */
  public List<PageMetric> pages(long taskId, Collection<String> imageNames) {
    if (imageNames.isEmpty()) return List.of();
    return jdbc.query(
        SELECT_PAGE + " WHERE task_id = ? AND image_name = ANY(?) ORDER BY image_name",
        PageRowStore::page,
        taskId,
        imageNames.toArray(String[]::new));
  }

  private static PageMetric page(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new PageMetric(
        rs.getString(1),
        "ok".equals(rs.getString(2)),
        rs.getLong(3),
        rs.getInt(4),
        (Float) rs.getObject(5, Float.class),
        rs.getString(6),
        rs.getString(7),
        rs.getBoolean(8));
  }

  /**
   * Which of {@code imageNames} failed in this task for their image's sake (not to be tried again
   * by it); a page that failed for another reason ({@code redo}) is not among them.
   */
  public Set<String> failedForGood(long taskId, Collection<String> imageNames) {
    if (imageNames.isEmpty()) return Set.of();
    return new HashSet<>(
        jdbc.query(
            "SELECT image_name FROM page_metrics WHERE task_id = ? AND image_name = ANY(?)"
                + " AND status = 'failed' AND NOT redo",
            rs -> rs.getString(1),
            taskId,
            imageNames.toArray(String[]::new)));
  }

  /** Recomputes {@code task_metrics} from {@code page_metrics} (idempotent). */
  public void refreshTaskMetrics(long taskId) {
    jdbc.update(
        "INSERT INTO task_metrics (task_id, total_pages, successful_pages, failed_pages, total_duration_ms,"
            + " avg_duration_per_page_ms, total_lines_detected, updated_at)"
            + " SELECT ?, count(*), count(*) FILTER (WHERE status = 'ok'), count(*) FILTER (WHERE status = 'failed'),"
            + " coalesce(sum(duration_ms), 0), avg(duration_ms), coalesce(sum(lines_detected), 0), now()"
            + " FROM page_metrics WHERE task_id = ?"
            + " ON CONFLICT (task_id) DO UPDATE SET total_pages = EXCLUDED.total_pages,"
            + " successful_pages = EXCLUDED.successful_pages, failed_pages = EXCLUDED.failed_pages,"
            + " total_duration_ms = EXCLUDED.total_duration_ms,"
            + " avg_duration_per_page_ms = EXCLUDED.avg_duration_per_page_ms,"
            + " total_lines_detected = EXCLUDED.total_lines_detected, updated_at = now()",
        taskId,
        taskId);
  }
}
