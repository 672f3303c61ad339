package io.ocrbatch.activities.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    List<VolumeRef> refs = java.util.Arrays.stream(volumes).map(v -> new VolumeRef(v, "file:///scans/" + key + "/" + v)).toList();
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
  }

  @Test
  void createdJobTypesAreListedAndNamesAreUnique() {
    String name = "custom-" + System.nanoTime();
    JobTypeSpec created =
        store.jobTypes().create(new JobTypeSpec(0, name, "tesseract", "bod", "bod", "unicode", "line", List.of("txt")), "lines");
    assertThat(store.jobTypes().list()).contains(created);
    assertThatThrownBy(() -> store.jobTypes().create(created, null)).hasMessageContaining("already exists");
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
    store.tasks().listed(a, new VolumeListing("a", "abc123", "/out/a", List.of("1.png", "2.png"), false));
    store.metrics().recordPage(a, new MetricsStore.PageMetric("1.png", true, 100, 12, 91.5f, null), "w1");
    store.metrics().recordPage(a, new MetricsStore.PageMetric("1.png", true, 120, 12, 91.5f, null), "w2"); // activity ran twice
    store.metrics().recordPage(a, new MetricsStore.PageMetric("2.png", false, 5, 0, null, "2.png: cannot decode image"), "w1");
    store.tasks().finished(VolumeResult.done(a, "a", 2, new ChunkResult(1, 0, 1)), 1);
    store.tasks().started(b, 2, 3);
    store.tasks().finished(VolumeResult.failed(b, "b", TaskStatus.TERMINAL_FAILED, "VolumeNotProcessable: gone"), 2);

    JobRecord job = store.jobs().byId(jobId).orElseThrow();
    assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(job.doneTasks()).isEqualTo(1);
    assertThat(job.failedTasks()).isEqualTo(1);
    assertThat(job.lastProgressAt()).isNotNull();
    JobProgressStore.Counts counts = store.progress().counts(jobId);
    assertThat(counts.pagesOk()).isEqualTo(1);
    assertThat(counts.pagesFailed()).isEqualTo(1);
    assertThat(counts.terminal()).isEqualTo(1);
    assertThat(store.metrics().pages(a)).hasSize(2).first().satisfies(p -> assertThat(p.durationMs()).isEqualTo(120));
    assertThat(database().jdbc().queryLong("SELECT successful_pages FROM task_metrics WHERE task_id = ?", a)).isEqualTo(1);
    assertThat(database().jdbc().queryLong("SELECT attempts FROM tasks WHERE id = ?", b)).isEqualTo(2);
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

    assertThat(store.jobs().list(List.of(), List.of("canceled", "failed"), 100)).extracting(JobRecord::id)
        .contains(running).doesNotContain(canceled);
    assertThat(store.jobs().list(List.of("canceled"), List.of(), 100)).extracting(JobRecord::id)
        .contains(canceled).doesNotContain(running);
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
  void requeueReopensEndedJobsWithFailedTasksThatHaveAttemptsLeft() {
    long jobId = store.jobs().create(job("R" + System.nanoTime(), "bad", "exhausted", "ok")).job().id();
    List<TaskRef> tasks = store.tasks().tasksAfter(jobId, 0, 10);
    store.tasks().finished(VolumeResult.failed(tasks.get(0).taskId(), "bad", TaskStatus.TERMINAL_FAILED, "no such folder"), 1);
    store.tasks().finished(VolumeResult.failed(tasks.get(1).taskId(), "exhausted", TaskStatus.TERMINAL_FAILED, "kept failing"), 3);
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
    assertThat(store.queue().requeueFailed().jobIds()).doesNotContain(jobId); // the job runs again now
  }

  @Test
  void uploadsExpireOnlyAfterTheirJobHasEndedForTheRetentionPeriod() throws Exception {
    long jobId = store.jobs().create(job("U" + System.nanoTime(), "upload")).job().id();
    store.uploads().record(jobId, "scan.pdf", "/data/uploads/x", 4, 200, "tesseract-eng");
    assertThat(store.uploads().expirable(java.time.Duration.ZERO)).noneMatch(u -> u.jobId() == jobId);

    store.jobs().markFinished(jobId, JobStatus.COMPLETED);
    Thread.sleep(20);
    assertThat(store.uploads().expirable(java.time.Duration.ofDays(7))).noneMatch(u -> u.jobId() == jobId);
    assertThat(store.uploads().expirable(java.time.Duration.ZERO)).anyMatch(u -> u.jobId() == jobId && u.totalPages() == 4);

    store.uploads().markExpired(jobId);
    String key = store.jobs().byId(jobId).orElseThrow().jobKey();
    assertThat(store.uploads().byJobKey(key).orElseThrow().expired()).isTrue();
    assertThat(store.uploads().expirable(java.time.Duration.ZERO)).noneMatch(u -> u.jobId() == jobId);
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
    assertThat(store.jobs().pendingCallbacks(3)).anyMatch(c -> c.jobId() == jobId && c.attempts() == 1);
    store.jobs().callbackAttempted(jobId, null);
    assertThat(store.jobs().pendingCallbacks(3)).noneMatch(c -> c.jobId() == jobId);
  }
}
