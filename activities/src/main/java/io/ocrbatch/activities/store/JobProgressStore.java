package io.ocrbatch.activities.store;

import java.time.Instant;

/** Aggregates a job's progress from its tasks and page metrics, for status views and progress bars. */
public final class JobProgressStore {
  private final Jdbc jdbc;

  public JobProgressStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Task counts by status, and page counts: known (listed) pages, pages ok and failed. */
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
      Instant firstPageAt,
      Instant lastPageAt) {

    /** Pages in the job: listed ones, plus an estimate for tasks not listed yet. */
    public long pagesTotalEstimate() {
      if (listedTasks == 0 || listedTasks >= tasks) return pagesListed;
      return pagesListed + Math.round((double) pagesListed / listedTasks * (tasks - listedTasks));
    }

    public long pagesFinished() {
      return pagesOk + pagesFailed;
    }
  }

  public Counts counts(long jobId) {
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
                + " (SELECT min(p.created_at) FROM page_metrics p JOIN tasks x ON x.id = p.task_id WHERE x.job_id = ?) AS first_page,"
                + " (SELECT max(p.created_at) FROM page_metrics p JOIN tasks x ON x.id = p.task_id WHERE x.job_id = ?) AS last_page"
                + " FROM tasks WHERE job_id = ?",
            rs ->
                new Counts(
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
                    JobStore.instant(rs, "first_page"),
                    JobStore.instant(rs, "last_page")),
            jobId,
            jobId,
            jobId,
            jobId,
            jobId)
        .orElseThrow();
  }
}
