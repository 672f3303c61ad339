package io.ocrbatch.activities.statusdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.testing.TestDatabases;
import io.ocrbatch.workflows.ChunkResult;
import io.ocrbatch.workflows.JobStatus;
import io.ocrbatch.workflows.TaskRef;
import io.ocrbatch.workflows.VolumeListing;
import io.ocrbatch.workflows.VolumeRef;
import io.ocrbatch.workflows.VolumeResult;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a job's counts and end status say happened: pages OCRed ok, failed, or skipped because an
 * earlier job had done them; a job whose pages all failed ends failed.
 */
class JobOutcomeCountsTest {
  private static TestDatabases.Fresh db;
  private static StatusStore store;

  @BeforeAll
  static void start() {
    db = TestDatabases.fresh();
    store = StatusStore.over(db.database().jdbc());
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  @Test
  void pagesOfAVolumeFoundDoneCountAsSkippedAndTheJobEndsAtAHundredPercent() {
    long jobId = job("S", "ocred", "done-before");
    List<TaskRef> tasks = store.tasks().tasksAfter(jobId, 0, 10);
    long ocred = tasks.get(0).taskId();
    long doneBefore = tasks.get(1).taskId();
    run(ocred, "ocred", List.of("1.png", "2.png"), List.of(ok("1.png"), ok("2.png")));
    run(doneBefore, "done-before", List.of("1.png", "2.png", "3.png"), List.of());
    store // the volume's end recorded twice (an activity retried): counted once
        .tasks()
        .finished(VolumeResult.done(doneBefore, "done-before", 3, new ChunkResult(0, 3, 0)), 1);

    store.jobs().markFinished(jobId, JobStatus.COMPLETED);

    JobProgressStore.Counts counts = store.progress().counts(jobId);
    assertThat(counts.pagesListed()).isEqualTo(5);
    assertThat(counts.pagesOk()).isEqualTo(2);
    assertThat(counts.pagesSkipped()).isEqualTo(3);
    assertThat(counts.pagesFailed()).isZero();
    assertThat(counts.pagesFinished()).isEqualTo(counts.pagesTotalEstimate());
    assertThat(counts).isEqualTo(store.progress().recount(jobId));
    assertThat(store.jobs().byId(jobId).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  void aJobWhosePagesAllFailedEndsFailedAndOneWithSomeOkCompleted() {
    long allFailed = job("F", "v");
    long task = store.tasks().tasksAfter(allFailed, 0, 1).get(0).taskId();
    run(task, "v", List.of("1.png"), List.of(bad("1.png")));
    long someOk = job("P", "v");
    long other = store.tasks().tasksAfter(someOk, 0, 1).get(0).taskId();
    run(other, "v", List.of("1.png", "2.png"), List.of(ok("1.png"), bad("2.png")));

    store.jobs().markFinished(allFailed, JobStatus.COMPLETED); // as workflows before the rule
    store.jobs().markFinished(someOk, JobStatus.COMPLETED);

    assertThat(store.jobs().byId(allFailed).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
    assertThat(store.jobs().byId(someOk).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(store.jobs().list(List.of("failed"), List.of(), 100))
        .extracting(JobRecord::id)
        .contains(allFailed)
        .doesNotContain(someOk);
  }

  @Test
  void theMigrationCountsPastSkippedPagesAndFailsPastJobsWhosePagesAllFailed() throws Exception {
    try (TestDatabases.Partial before = TestDatabases.migratedBefore("13")) {
      long allFailed;
      long skipped;
      try (Connection c = DriverManager.getConnection(before.url())) {
        long type = sql(c, "SELECT id FROM job_types WHERE name = 'tesseract-eng'");
        allFailed = pastJob(c, type, "OLD-F", 1, List.of("failed"));
        skipped = pastJob(c, type, "OLD-S", 4, List.of("ok"));
      }
      try (Database migrated = Database.connect(before.url(), null, null, 2)) {
        StatusStore after = StatusStore.over(migrated.jdbc());
        assertThat(after.jobs().byId(allFailed).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
        assertThat(after.jobs().byId(skipped).orElseThrow().status())
            .isEqualTo(JobStatus.COMPLETED);
        assertThat(after.progress().counts(skipped).pagesSkipped()).isEqualTo(3);
        assertThat(after.progress().counts(skipped)).isEqualTo(after.progress().recount(skipped));
      }
    }
  }

  /** A job that ended completed before V13: one done task of {@code pages} pages, these rows. */
  private static long pastJob(Connection c, long type, String key, int pages, List<String> rows)
      throws SQLException {
    long jobId =
        sql(
            c,
            "INSERT INTO jobs (job_key, type_id, output_root, status) VALUES (?, ?, '/out',"
                + " 'completed') RETURNING id",
            key,
            type);
    long volume =
        sql(
            c,
            "INSERT INTO volumes (source_uri, volume_name) VALUES (?, 'v') RETURNING id",
            "file:///scans/" + key);
    long task =
        sql(
            c,
            "INSERT INTO tasks (job_id, volume_id, status, total_pages) VALUES (?, ?, 'done', ?)"
                + " RETURNING id",
            jobId,
            volume,
            pages);
    for (int i = 0; i < rows.size(); i++) {
      sql(
          c,
          "INSERT INTO page_metrics (task_id, image_name, status) VALUES (?, ?, ?) RETURNING id",
          task,
          i + ".png",
          rows.get(i));
    }
    return jobId;
  }

  private static long sql(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static long job(String prefix, String... volumes) {
    String key = prefix + System.nanoTime();
    List<VolumeRef> refs =
        Arrays.stream(volumes)
            .map(v -> new VolumeRef(v, "file:///scans/" + key + "/" + v))
            .toList();
    long type = store.jobTypes().byName("tesseract-eng").orElseThrow().id();
    long jobId = store.jobs().create(new NewJob(key, type, "/out", 2, 300, 10, 3, refs)).job().id();
    store.jobs().markStarted(jobId);
    return jobId;
  }

  /** A volume's task from start to done, with these page rows recorded by its chunks. */
  private static void run(
      long taskId, String volume, List<String> pages, List<PageRowStore.PageMetric> rows) {
    store.tasks().started(taskId, 1, 3);
    store
        .tasks()
        .listed(taskId, new VolumeListing(volume, "v1", "/out/" + volume, pages, rows.isEmpty()));
    rows.forEach(r -> store.pageRows().recordPage(taskId, r, "w"));
    int ok = (int) rows.stream().filter(PageRowStore.PageMetric::ok).count();
    int skipped = rows.isEmpty() ? pages.size() : 0;
    ChunkResult counts = new ChunkResult(ok, skipped, rows.size() - ok);
    store.tasks().finished(VolumeResult.done(taskId, volume, pages.size(), counts), 1);
  }

  private static PageRowStore.PageMetric ok(String page) {
    return new PageRowStore.PageMetric(page, true, 10, 3, 90f, null);
  }

  private static PageRowStore.PageMetric bad(String page) {
    return new PageRowStore.PageMetric(page, false, 1, 0, null, page + ": cannot decode image");
  }
}
