package io.ocrbatch.activities.statusdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.ocrbatch.workflows.ChunkResult;
import io.ocrbatch.workflows.JobStatus;
import io.ocrbatch.workflows.JobTypeSpec;
import io.ocrbatch.workflows.TaskRef;
import io.ocrbatch.workflows.TaskStatus;
import io.ocrbatch.workflows.VolumeListing;
import io.ocrbatch.workflows.VolumeRef;
import io.ocrbatch.workflows.VolumeResult;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The status store's behaviour, run against each real PostgreSQL the product supports. */
abstract class StatusStoreContract {
  private StatusStore store;
  private long jobTypeId;

  /** A migrated database; may be shared by the tests of a class (they use unique keys). */
  abstract Database database();

  @BeforeEach
  void setUp() {
    store = StatusStore.over(database().jdbc());
    jobTypeId = store.jobTypes().byName("tesseract-eng").orElseThrow().id();
  }

  private NewJob job(String key, String... volumes) {
    List<VolumeRef> refs =
        java.util.Arrays.stream(volumes)
            .map(v -> new VolumeRef(v, "file:///scans/" + key + "/" + v))
            .toList();
    return new NewJob(key, jobTypeId, "/out", 2, 300, 10, 3, refs);
  }

  @Test
  void migrationSeedsTheJobTypes() {
    assertThat(store.jobTypes().list())
        .extracting(JobTypeSpec::name)
        .contains("tesseract-eng", "tesseract-bod-unicode", "tesseract-bod-wylie");
    JobTypeSpec wylie = store.jobTypes().byName("tesseract-bod-wylie").orElseThrow();
    assertThat(wylie.encoding()).isEqualTo("wylie");
    assertThat(wylie.model()).isEqualTo("bod");
    assertThat(wylie.engine()).as("V11: Tibetan read line by line").isEqualTo("tesseract-lines");
    assertThat(store.jobTypes().byName("tesseract-bod-unicode").orElseThrow().engine())
        .isEqualTo("tesseract-lines");
    assertThat(store.jobTypes().byName("tesseract-eng").orElseThrow().engine())
        .isEqualTo("tesseract");
  }

  @Test
  void createdJobTypesAreListedAndNamesAreUnique() {
    String name = "custom-" + System.nanoTime();
    JobTypeSpec created =
        store
            .jobTypes()
            .create(
                new JobTypeSpec(
                    0, name, "tesseract", "bod", "bod", "unicode", "line", List.of("txt")),
                "lines");
    assertThat(store.jobTypes().list()).contains(created);
    assertThatThrownBy(() -> store.jobTypes().create(created, null))
        .hasMessageContaining("already exists");
  }

  @Test
  void creatingAJobIsIdempotentOnItsKey() {
    String key = "K" + System.nanoTime();
    JobStore.Created first = store.jobs().create(job(key, "a", "b"));
    JobStore.Created second = store.jobs().create(job(key, "a", "b", "c"));

    assertThat(first.existed()).isFalse();
    assertThat(second.existed()).isTrue();
    assertThat(second.job().id()).isEqualTo(first.job().id());
    assertThat(store.tasks().tasksAfter(first.job().id(), 0, 10)).hasSize(2);
    assertThat(first.job().status()).isEqualTo(JobStatus.CREATED);
  }

  @Test
  void taskLifecycleUpdatesJobCountersAndMetrics() {
    long jobId = store.jobs().create(job("L" + System.nanoTime(), "a", "b")).job().id();
    List<TaskRef> tasks = store.tasks().tasksAfter(jobId, 0, 10);
    long a = tasks.get(0).taskId();
    long b = tasks.get(1).taskId();
    store.jobs().markStarted(jobId);
    store.tasks().started(a, 1, 3);
    store
        .tasks()
        .listed(a, new VolumeListing("a", "abc123", "/out/a", List.of("1.png", "2.png"), false));
    store
        .pageRows()
        .recordPage(a, new PageRowStore.PageMetric("1.png", true, 100, 12, 91.5f, null), "w1");
    store
        .pageRows()
        .recordPage(
            a,
            new PageRowStore.PageMetric("1.png", true, 120, 12, 91.5f, null),
            "w2"); // activity ran twice
    store
        .pageRows()
        .recordPage(
            a,
            new PageRowStore.PageMetric("2.png", false, 5, 0, null, "2.png: cannot decode image"),
            "w1");
    store.tasks().finished(VolumeResult.done(a, "a", 2, new ChunkResult(1, 0, 1)), 1);
    store.tasks().started(b, 2, 3);
    store
        .tasks()
        .finished(
            VolumeResult.failed(b, "b", TaskStatus.TERMINAL_FAILED, "VolumeNotProcessable: gone"),
            2);

    JobRecord job = store.jobs().byId(jobId).orElseThrow();
    assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(job.doneTasks()).isEqualTo(1);
    assertThat(job.failedTasks()).isEqualTo(1);
    assertThat(job.lastProgressAt()).isNotNull();
    JobProgressStore.Counts counts = store.progress().counts(jobId);
    assertThat(counts.pagesOk()).isEqualTo(1);
    assertThat(counts.pagesFailed()).isEqualTo(1);
    assertThat(counts.terminal()).isEqualTo(1);
    assertThat(store.pageRows().pages(a))
        .hasSize(2)
        .first()
        .satisfies(p -> assertThat(p.durationMs()).isEqualTo(120));
    assertThat(
            database()
                .jdbc()
                .queryLong("SELECT successful_pages FROM task_metrics WHERE task_id = ?", a))
        .isEqualTo(1);
    assertThat(
            database()
                .jdbc()
                .queryLong(
                    "SELECT count(*) FROM task_metrics WHERE task_id = ? AND total_pages = 0", b))
        .as("a task that ended without pages has its task_metrics row")
        .isEqualTo(1);
    assertThat(database().jdbc().queryLong("SELECT attempts FROM tasks WHERE id = ?", b))
        .isEqualTo(2);
    assertThat(store.tasks().recentErrors(jobId, 5))
        .extracting(TaskStore.TaskError::status)
        .containsExactlyInAnyOrder("terminal_failed", "page_failed");

    store.jobs().markFinished(jobId, JobStatus.FAILED);
    assertThat(store.jobs().byId(jobId).orElseThrow().finishedAt()).isNotNull();
    assertThat(store.jobs().unfinished()).extracting(JobRecord::id).doesNotContain(jobId);
  }

  @Test
  void listFiltersByStatus() {
    long running = store.jobs().create(job("R" + System.nanoTime(), "a")).job().id();
    long canceled = store.jobs().create(job("C" + System.nanoTime(), "a")).job().id();
    store.jobs().markStarted(running);
    store.jobs().markFinished(canceled, JobStatus.CANCELED);

    assertThat(store.jobs().list(List.of(), List.of("canceled", "failed"), 100))
        .extracting(JobRecord::id)
        .contains(running)
        .doesNotContain(canceled);
    assertThat(store.jobs().list(List.of("canceled"), List.of(), 100))
        .extracting(JobRecord::id)
        .contains(canceled)
        .doesNotContain(running);
  }

  @Test
  void anInterruptedTaskGoesBackToPending() {
    long jobId = store.jobs().create(job("I" + System.nanoTime(), "a")).job().id();
    long task = store.tasks().tasksAfter(jobId, 0, 1).get(0).taskId();
    store.tasks().started(task, 1, 3);
    store.tasks().interrupted(task, "job canceled");
    assertThat(store.progress().counts(jobId).pending()).isEqualTo(1);
  }

  @Test
  void aStartThatArrivesAfterItsCanceledVolumeHandedTheTaskBackLeavesItPending() {
    long jobId = store.jobs().create(job("L" + System.nanoTime(), "a")).job().id();
    long task = store.tasks().tasksAfter(jobId, 0, 1).get(0).taskId();
    store.tasks().started(task, 1, 3);
    store.jobs().requestCancel(jobId);
    store.tasks().interrupted(task, "job canceled");
    store.tasks().started(task, 2, 3); // an attempt of the volume's start that ran late

    assertThat(store.progress().counts(jobId).pending()).isEqualTo(1);
    assertThat(store.progress().counts(jobId).running()).isZero();
  }

  @Test
  void pagesRecordedInOneStatementCountOnceEachAndKeepTheirLastOutcome() {
    long jobId = store.jobs().create(job("B" + System.nanoTime(), "a")).job().id();
    long task = store.tasks().tasksAfter(jobId, 0, 1).get(0).taskId();
    store
        .pageRows()
        .recordPages(
            task,
            List.of(
                new PageRowStore.PageMetric("1.png", true, 10, 3, 90f, null),
                new PageRowStore.PageMetric("2.png", false, 5, 0, null, "not an image"),
                new PageRowStore.PageMetric("1.png", true, 12, 4, 91f, null)),
            "w1");
    store
        .pageRows()
        .recordPages(
            task, List.of(new PageRowStore.PageMetric("2.png", true, 7, 2, 80f, null)), "w2");

    assertThat(store.pageRows().pages(task))
        .extracting(PageRowStore.PageMetric::imageName, PageRowStore.PageMetric::linesDetected)
        .containsExactly(tuple("1.png", 4), tuple("2.png", 2));
    assertThat(store.progress().counts(jobId).pagesOk()).isEqualTo(2);
    assertThat(store.progress().counts(jobId).pagesFailed()).isZero();
  }

  @Test
  void requeueReopensEndedJobsWithFailedTasksThatHaveAttemptsLeft() {
    long jobId =
        store.jobs().create(job("R" + System.nanoTime(), "bad", "exhausted", "ok")).job().id();
    List<TaskRef> tasks = store.tasks().tasksAfter(jobId, 0, 10);
    store
        .tasks()
        .finished(
            VolumeResult.failed(
                tasks.get(0).taskId(), "bad", TaskStatus.TERMINAL_FAILED, "no such folder"),
            1);
    store
        .tasks()
        .finished(
            VolumeResult.failed(
                tasks.get(1).taskId(), "exhausted", TaskStatus.TERMINAL_FAILED, "kept failing"),
            3);
    store.tasks().finished(VolumeResult.done(tasks.get(2).taskId(), "ok", 1, ChunkResult.EMPTY), 1);
    store.jobs().markFinished(jobId, JobStatus.FAILED);

    QueueStore.Requeue requeue = store.queue().requeueFailed();

    assertThat(requeue.jobIds()).contains(jobId);
    assertThat(requeue.exhausted()).isGreaterThanOrEqualTo(1);
    assertThat(store.jobs().byId(jobId).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
    assertThat(store.jobs().byId(jobId).orElseThrow().finishedAt()).isNull();
    var counts = store.progress().counts(jobId);
    assertThat(counts.pending()).isEqualTo(1);
    assertThat(counts.terminal()).isEqualTo(1);
    assertThat(counts.done()).isEqualTo(1);
    assertThat(store.queue().requeueFailed().jobIds())
        .doesNotContain(jobId); // the job runs again now
  }

  @Test
  void uploadsExpireOnlyAfterTheirJobHasEndedForTheRetentionPeriod() throws Exception {
    long jobId = store.jobs().create(job("U" + System.nanoTime(), "upload")).job().id();
    store.uploads().record(jobId, "scan.pdf", "/data/uploads/x", 4, 200, "tesseract-eng");
    assertThat(store.uploads().expirable(java.time.Duration.ZERO))
        .noneMatch(u -> u.jobId() == jobId);

    store.jobs().markFinished(jobId, JobStatus.COMPLETED);
    Thread.sleep(20);
    assertThat(store.uploads().expirable(java.time.Duration.ofDays(7)))
        .noneMatch(u -> u.jobId() == jobId);
    assertThat(store.uploads().expirable(java.time.Duration.ZERO))
        .anyMatch(u -> u.jobId() == jobId && u.totalPages() == 4);

    store.uploads().markExpired(jobId);
    String key = store.jobs().byId(jobId).orElseThrow().jobKey();
    assertThat(store.uploads().byJobKey(key).orElseThrow().expired()).isTrue();
    assertThat(store.uploads().expirable(java.time.Duration.ZERO))
        .noneMatch(u -> u.jobId() == jobId);
  }

  @Test
  void callbacksAreOfferedOnceTheJobEndsUntilDelivered() {
    long jobId = store.jobs().create(job("C" + System.nanoTime(), "v")).job().id();
    store.jobs().setSubmissionOptions(jobId, 1, "http://127.0.0.1:9/hook", false);
    assertThat(store.jobs().byId(jobId).orElseThrow().priority()).isEqualTo(1);
    assertThat(store.jobs().pendingCallbacks(3)).noneMatch(c -> c.jobId() == jobId);

    store.jobs().markFinished(jobId, JobStatus.COMPLETED);
    assertThat(store.jobs().pendingCallbacks(3)).anyMatch(c -> c.jobId() == jobId);
    store.jobs().callbackAttempted(jobId, "connection refused");
    assertThat(store.jobs().pendingCallbacks(3))
        .anyMatch(c -> c.jobId() == jobId && c.attempts() == 1);
    store.jobs().callbackAttempted(jobId, null);
    assertThat(store.jobs().pendingCallbacks(3)).noneMatch(c -> c.jobId() == jobId);
  }

  private PageRowStore.PageMetric ok(String page, long ms) {
    return new PageRowStore.PageMetric(page, true, ms, 3, 90f, null);
  }

  private PageRowStore.PageMetric bad(String page) {
    return new PageRowStore.PageMetric(page, false, 1, 0, null, page + ": cannot decode image");
  }

  /**
   * The kept counters equal a count of the rows, for the job, its tasks' task_metrics and the jobs
   * row.
   */
  private void assertCountersMatchTheRows(long jobId) {
    JobProgressStore.Counts kept = store.progress().counts(jobId);
    JobProgressStore.Counts rows = store.progress().recount(jobId);
    // first_page_at is when the job's first page was recorded: a page recorded again later (its
    // row's created_at moves) does not move it, where min(created_at) would. Likewise
    // last_page_at is the latest recording seen: when two workers record one page at once, the
    // row may keep the earlier transaction's time while the counter saw the later one.
    assertThat(kept)
        .usingRecursiveComparison()
        .ignoringFields("firstPageAt", "lastPageAt")
        .isEqualTo(rows);
    if (rows.firstPageAt() != null)
      assertThat(kept.firstPageAt()).isBeforeOrEqualTo(rows.firstPageAt());
    if (rows.lastPageAt() != null)
      assertThat(kept.lastPageAt()).isAfterOrEqualTo(rows.lastPageAt());
    JobRecord job = store.jobs().byId(jobId).orElseThrow();
    assertThat(job.totalTasks()).isEqualTo(kept.tasks());
    assertThat(job.doneTasks()).isEqualTo(kept.done());
    assertThat(job.failedTasks()).isEqualTo(kept.terminal());
    assertThat(
            database()
                .jdbc()
                .queryLong(
                    "SELECT count(*) FROM task_metrics m JOIN tasks t ON t.id = m.task_id"
                        + " LEFT JOIN (SELECT task_id, count(*) n, count(*) FILTER (WHERE status = 'ok') ok,"
                        + "   count(*) FILTER (WHERE status = 'failed') failed, sum(duration_ms) ms, sum(lines_detected) lines"
                        + "   FROM page_metrics GROUP BY task_id) p ON p.task_id = m.task_id"
                        + " WHERE t.job_id = ? AND (m.total_pages <> coalesce(p.n, 0) OR m.successful_pages <> coalesce(p.ok, 0)"
                        + "   OR m.failed_pages <> coalesce(p.failed, 0) OR m.total_duration_ms <> coalesce(p.ms, 0)"
                        + "   OR m.total_lines_detected <> coalesce(p.lines, 0))",
                    jobId))
        .as("task_metrics rows that differ from their pages")
        .isZero();
  }

  @Test
  void countersStayExactWhenPagesAreRecordedAgainAndTasksRequeued() {
    long jobId = store.jobs().create(job("X" + System.nanoTime(), "a", "b", "c")).job().id();
    List<TaskRef> tasks = store.tasks().tasksAfter(jobId, 0, 10);
    long a = tasks.get(0).taskId();
    long b = tasks.get(1).taskId();
    assertThat(store.progress().counts(jobId).pending()).isEqualTo(3);
    assertCountersMatchTheRows(jobId);

    store.jobs().markStarted(jobId);
    store.tasks().started(a, 1, 3);
    store
        .tasks()
        .listed(
            a, new VolumeListing("a", "v1", "/out/a", List.of("1.png", "2.png", "3.png"), false));
    store.pageRows().recordPage(a, ok("1.png", 100), "w1");
    store.pageRows().recordPage(a, ok("1.png", 140), "w2"); // the page activity was retried
    store.pageRows().recordPageIfAbsent(a, ok("1.png", 999), "w3"); // outage recovery found the row
    store.pageRows().recordPage(a, bad("2.png"), "w1");
    store
        .pageRows()
        .recordPageIfAbsent(a, ok("3.png", 50), "w1"); // recorded from its result after an outage
    store
        .tasks()
        .listed(
            a,
            new VolumeListing(
                "a", "v1", "/out/a", List.of("1.png", "2.png", "3.png"), false)); // listed again
    JobProgressStore.Counts mid = store.progress().counts(jobId);
    assertThat(mid.pagesOk()).isEqualTo(2);
    assertThat(mid.pagesFailed()).isEqualTo(1);
    assertThat(mid.pagesListed()).isEqualTo(3);
    assertThat(mid.running()).isEqualTo(1);
    assertCountersMatchTheRows(jobId);

    store.tasks().finished(VolumeResult.done(a, "a", 3, new ChunkResult(2, 0, 1)), 1);
    store
        .tasks()
        .finished(VolumeResult.done(a, "a", 3, new ChunkResult(2, 0, 1)), 1); // activity ran twice
    store.tasks().started(b, 1, 3);
    store.tasks().finished(VolumeResult.failed(b, "b", TaskStatus.TERMINAL_FAILED, "gone"), 1);
    store.tasks().started(tasks.get(2).taskId(), 1, 3);
    store.tasks().interrupted(tasks.get(2).taskId(), "worker stopped");
    assertThat(store.jobs().byId(jobId).orElseThrow().doneTasks()).isEqualTo(1);
    assertThat(store.jobs().byId(jobId).orElseThrow().failedTasks()).isEqualTo(1);
    assertCountersMatchTheRows(jobId);

    store.jobs().markFinished(jobId, JobStatus.FAILED);
    store.queue().requeueFailed(); // b back to pending, the job running again
    store.tasks().started(b, 2, 3);
    store.tasks().listed(b, new VolumeListing("b", "v1", "/out/b", List.of("1.png"), false));
    store.pageRows().recordPage(b, bad("1.png"), "w1");
    store
        .pageRows()
        .recordPage(b, ok("1.png", 80), "w1"); // failed, then redone ok: moves from failed to ok
    store.tasks().finished(VolumeResult.done(b, "b", 1, new ChunkResult(1, 0, 0)), 2);
    JobProgressStore.Counts end = store.progress().counts(jobId);
    assertThat(end.done()).isEqualTo(2);
    assertThat(end.terminal()).isZero();
    assertThat(end.pending()).isEqualTo(1);
    assertThat(end.pagesOk()).isEqualTo(3);
    assertThat(end.pagesFailed()).isEqualTo(1);
    assertThat(end.firstPageAt()).isNotNull();
    assertThat(end.lastPageAt()).isAfterOrEqualTo(end.firstPageAt());
    assertCountersMatchTheRows(jobId);
  }

  @Test
  void aForcedJobCountsItsOwnPagesOnceWhateverAnEarlierJobDid() {
    String earlierKey = "F" + System.nanoTime();
    long earlier = store.jobs().create(job(earlierKey, "a")).job().id();
    long t1 = store.tasks().tasksAfter(earlier, 0, 1).get(0).taskId();
    store.tasks().started(t1, 1, 3);
    store.pageRows().recordPage(t1, ok("1.png", 10), "w");
    store.tasks().finished(VolumeResult.done(t1, "a", 1, new ChunkResult(1, 0, 0)), 1);

    List<VolumeRef> same = List.of(new VolumeRef("a", "file:///scans/" + earlierKey + "/a"));
    long forced =
        store
            .jobs()
            .create(
                new NewJob(
                    "G" + System.nanoTime(),
                    jobTypeId,
                    "/out",
                    2,
                    300,
                    10,
                    3,
                    same,
                    3,
                    null,
                    true,
                    false))
            .job()
            .id();
    long t2 = store.tasks().tasksAfter(forced, 0, 1).get(0).taskId();
    store.tasks().started(t2, 1, 3);
    store.pageRows().recordPage(t2, ok("1.png", 12), "w"); // redone although a result existed
    store.pageRows().recordPage(t2, ok("1.png", 13), "w"); // and its activity retried
    store.tasks().finished(VolumeResult.done(t2, "a", 1, new ChunkResult(1, 0, 0)), 1);

    assertThat(store.progress().counts(forced).pagesOk()).isEqualTo(1);
    assertThat(store.progress().counts(earlier).pagesOk()).isEqualTo(1);
    assertCountersMatchTheRows(forced);
    assertCountersMatchTheRows(earlier);
  }

  @Test
  void countersStayExactWhenWorkersRecordTheSamePagesConcurrently() throws Exception {
    long jobId = store.jobs().create(job("P" + System.nanoTime(), "a", "b")).job().id();
    List<TaskRef> tasks = store.tasks().tasksAfter(jobId, 0, 10);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      List<java.util.concurrent.Future<?>> writes = new java.util.ArrayList<>();
      for (int worker = 0; worker < 6; worker++) {
        int w = worker;
        writes.add(
            pool.submit(
                () -> {
                  for (int page = 0; page < 40; page++) {
                    for (TaskRef t : tasks) {
                      String name = page + ".png";
                      if ((page + w) % 3 == 0)
                        store.pageRows().recordPageIfAbsent(t.taskId(), ok(name, w), "w" + w);
                      else
                        store
                            .pageRows()
                            .recordPage(
                                t.taskId(), page % 10 == 0 ? bad(name) : ok(name, w), "w" + w);
                    }
                  }
                }));
      }
      for (var f : writes) f.get();
    } finally {
      pool.shutdown();
    }
    JobProgressStore.Counts counts = store.progress().counts(jobId);
    assertThat(counts.pagesOk() + counts.pagesFailed()).isEqualTo(80);
    assertCountersMatchTheRows(jobId);
  }

  @Test
  void aRequeuedTaskIsTheOnlyOneOfTenThousandHandedOutAgainAndCountersFollow() {
    String[] volumes = new String[10_000];
    for (int i = 0; i < volumes.length; i++) volumes[i] = "v" + i;
    long jobId = store.jobs().create(job("Q" + System.nanoTime(), volumes)).job().id();
    database()
        .jdbc()
        .update(
            "UPDATE tasks SET status = 'done', attempts = 1, done_at = now() WHERE job_id = ?",
            jobId);
    long failed = store.tasks().tasksAfter(jobId, 0, 5000).get(4242).taskId();
    store
        .tasks()
        .finished(
            VolumeResult.failed(failed, "v4242", TaskStatus.TERMINAL_FAILED, "no such folder"), 1);
    store.jobs().markFinished(jobId, JobStatus.FAILED);
    assertThat(store.tasks().tasksWithWorkAfter(jobId, 0, 100)).isEmpty();
    assertCountersMatchTheRows(jobId);

    store.queue().requeueFailed();

    assertThat(store.tasks().tasksWithWorkAfter(jobId, 0, 100))
        .extracting(TaskRef::taskId)
        .containsExactly(failed);
    JobProgressStore.Counts counts = store.progress().counts(jobId);
    assertThat(counts.done()).isEqualTo(9_999);
    assertThat(counts.pending()).isEqualTo(1);
    assertThat(store.jobs().byId(jobId).orElseThrow().failedTasks()).isZero();
    assertCountersMatchTheRows(jobId);
  }

  @Test
  void aJobOfThirtyThousandVolumesGetsItsTasksInOrderOnceEachWithItsCounters() {
    String[] volumes = new String[30_001];
    for (int i = 0; i < 30_000; i++) volumes[i] = "v" + i;
    volumes[30_000] = "v7"; // listed twice: one task
    String key = "B" + System.nanoTime();
    long jobId = store.jobs().create(job(key, volumes)).job().id();

    List<TaskRef> tasks = store.tasks().tasksAfter(jobId, 0, 30_001);
    assertThat(tasks).hasSize(30_000);
    assertThat(tasks.subList(0, 3))
        .extracting(t -> t.volume().volumeId())
        .containsExactly("v0", "v1", "v2");
    assertThat(tasks.get(29_999).volume().volumeId()).isEqualTo("v29999");
    assertThat(store.jobs().byId(jobId).orElseThrow().totalTasks()).isEqualTo(30_000);
    assertThat(store.jobs().addTasks(jobId, job(key, "v5", "new").volumes(), 3)).isEqualTo(1);
    database()
        .jdbc()
        .update(
            "DELETE FROM tasks WHERE job_id = ? AND volume_id IN (SELECT id FROM volumes"
                + " WHERE volume_name IN ('v1', 'v2'))",
            jobId);
    assertCountersMatchTheRows(jobId);
    assertThat(store.progress().counts(jobId).pending()).isEqualTo(29_999); // 30,000 + 1 - 2
  }

  @Test
  void aJobEndingCompletedWithATaskFailedInAnEarlierRunEndsFailed() {
    long jobId = store.jobs().create(job("E" + System.nanoTime(), "a", "b")).job().id();
    List<TaskRef> tasks = store.tasks().tasksAfter(jobId, 0, 10);
    store
        .tasks()
        .finished(
            VolumeResult.failed(tasks.get(0).taskId(), "a", TaskStatus.TERMINAL_FAILED, "gone"), 3);
    store.tasks().finished(VolumeResult.done(tasks.get(1).taskId(), "b", 1, ChunkResult.EMPTY), 1);

    store.jobs().markFinished(jobId, JobStatus.COMPLETED); // a run that did not see task a

    assertThat(store.jobs().byId(jobId).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
  }

  @Test
  void aJobEndingCompletedWithATaskHandedBackEndsFailedAndARestartPutsItBack() {
    long jobId = store.jobs().create(job("H" + System.nanoTime(), "a", "b")).job().id();
    List<TaskRef> tasks = store.tasks().tasksAfter(jobId, 0, 10);
    store.tasks().started(tasks.get(0).taskId(), 3, 3);
    store.tasks().interrupted(tasks.get(0).taskId(), "stopped before it finished");
    store.tasks().finished(VolumeResult.done(tasks.get(1).taskId(), "b", 1, ChunkResult.EMPTY), 1);

    store.jobs().markFinished(jobId, JobStatus.COMPLETED); // its run did not see a come back

    assertThat(store.jobs().byId(jobId).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
    assertThat(store.queue().restart(jobId)).contains(1);
    assertThat(store.jobs().byId(jobId).orElseThrow().status()).isEqualTo(JobStatus.CREATED);
    assertThat(store.tasks().tasksWithWorkAfter(jobId, 0, 10))
        .extracting(TaskRef::taskId)
        .containsExactly(tasks.get(0).taskId());
    assertThat(store.queue().restart(jobId)).as("only an ended job is restarted").isEmpty();
  }
}
