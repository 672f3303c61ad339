package io.ocrbatch.activities.statusdb;

import java.time.Instant;

/** A job's progress (tasks by status, pages), for status views and progress bars. */
public final class JobProgressStore {
  private final Jdbc jdbc;

  public JobProgressStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Task counts by status, and page counts: known (listed) pages; pages OCRed ok, failed, and
   * skipped because they were found done (an earlier job did them).
   */
  public record Counts(
      int tasks,
      int pending,
      int running,
      int done,
      int retryable,
      int terminal,
      int listedTasks,
      long pagesListed,
      long pagesOk,
      long pagesFailed,
      long pagesSkipped,
      Instant firstPageAt,
      Instant lastPageAt) {

    /** Pages in the job: listed ones, plus an estimate for tasks not listed yet. */
    public long pagesTotalEstimate() {
      if (listedTasks == 0 || listedTasks >= tasks) return pagesListed;
      return pagesListed + Math.round((double) pagesListed / listedTasks * (tasks - listedTasks));
    }

    /** Pages this job is through with: OCRed ok, failed, or skipped. */
    public long pagesFinished() {
      return pagesOk + pagesFailed + pagesSkipped;
    }

    /** Pages this job OCRed, ok or failed (rates count these: skipped pages take no time). */
    public long pagesProcessed() {
      return pagesOk + pagesFailed;
    }

    /** Pages that have their results: OCRed ok, or found done. */
    public long pagesSucceeded() {
      return pagesOk + pagesSkipped;
    }
  }

  /**
   * The job's counters, kept by the database as tasks and pages are recorded (migration V6): one
   * primary-key read, whatever the number of tasks and pages.
   */
  public Counts counts(long jobId) {
    return jdbc.queryOne(
            "SELECT tasks, pending, running, done, retryable, terminal, listed_tasks, pages_listed, pages_ok,"
                + " pages_failed, pages_skipped, first_page_at AS first_page, last_page_at AS last_page"
                + " FROM job_progress WHERE job_id = ?",
            JobProgressStore::map,
            jobId)
        .orElseGet(() -> new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null));
  }

  /**
   * The same counts computed from the task and page rows (slow on big jobs): for checks and
   * repairs.
   */
  public Counts recount(long jobId) {
    return jdbc.queryOne(
            "SELECT count(*),"
                + " count(*) FILTER (WHERE status = 'pending'),"
                + " count(*) FILTER (WHERE status = 'running'),"
                + " count(*) FILTER (WHERE status = 'done'),"
                + " count(*) FILTER (WHERE status = 'retryable_failed'),"
                + " count(*) FILTER (WHERE status = 'terminal_failed'),"
                + " count(total_pages), coalesce(sum(total_pages), 0),"
                + " (SELECT count(*) FROM page_metrics p JOIN tasks x ON x.id = p.task_id WHERE x.job_id = ? AND p.status = 'ok'),"
                + " (SELECT count(*) FROM page_metrics p JOIN tasks x ON x.id = p.task_id WHERE x.job_id = ? AND p.status = 'failed'),"
                + " coalesce(sum(skipped_pages), 0),"
                + " (SELECT min(p.created_at) FROM page_metrics p JOIN tasks x ON x.id = p.task_id WHERE x.job_id = ?) AS first_page,"
                + " (SELECT max(p.created_at) FROM page_metrics p JOIN tasks x ON x.id = p.task_id WHERE x.job_id = ?) AS last_page"
                + " FROM tasks WHERE job_id = ?",
            JobProgressStore::map,
            jobId,
            jobId,
            jobId,
            jobId,
            jobId)
        .orElseThrow();
  }

  private static Counts map(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Counts(
        rs.getInt(1),
        rs.getInt(2),
        rs.getInt(3),
        rs.getInt(4),
        rs.getInt(5),
        rs.getInt(6),
        rs.getInt(7),
        rs.getLong(8),
        rs.getLong(9),
        rs.getLong(10),
        rs.getLong(11),
        JobStore.instant(rs, "first_page"),
        JobStore.instant(rs, "last_page"));
  }
}
