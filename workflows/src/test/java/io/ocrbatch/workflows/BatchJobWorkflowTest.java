package io.ocrbatch.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchJobWorkflowTest extends WorkflowTestBase {
  @Test
  void fansOutOneVolumeWorkflowPerTaskAndOcrsEveryPageOnce() {
    fake.withVolumes(5);
    WorkflowTestSupport.register(env, fake);

    JobOutcome outcome =
        WorkflowTestSupport.stub(client, "J1").run(WorkflowTestSupport.spec("J1", 2, 0), null);

    assertThat(outcome.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(outcome.volumesDone()).isEqualTo(5);
    assertThat(outcome.pagesOk()).isEqualTo(15);
    assertThat(fake.pageCounts())
        .hasSize(15)
        .allSatisfy((page, times) -> assertThat(times).isEqualTo(1));
    assertThat(fake.manifests).containsExactlyInAnyOrder("v1", "v2", "v3", "v4", "v5");
    assertThat(fake.countStatus("done")).isEqualTo(5);
    assertThat(fake.jobEvents).containsExactly("started", "finished:completed");
  }

  @Test
  void slidingWindowNeverRunsMoreVolumesThanTheConcurrency() {
    fake.withVolumes(6);
    fake.millisPerPage = 50;
    WorkflowTestSupport.register(env, fake);

    WorkflowTestSupport.stub(client, "J2").run(WorkflowTestSupport.spec("J2", 2, 0), null);

    assertThat(fake.maxRunningVolumes.get()).isEqualTo(2);
    assertThat(fake.countStatus("done")).isEqualTo(6);
  }

  @Test
  void retriesAFailingOcrActivityWithBackoffAndFinishesTheVolume() {
    fake.withVolumes(2);
    fake.ocrFailures.put("v1", new AtomicInteger(2));
    WorkflowTestSupport.register(env, fake);

    JobOutcome outcome =
        WorkflowTestSupport.stub(client, "J3").run(WorkflowTestSupport.spec("J3", 2, 0), null);

    assertThat(outcome.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(fake.countStatus("done")).isEqualTo(2);
    assertThat(fake.pageCounts()).hasSize(6);
  }

  @Test
  void aChunkWhoseWorkerDiesResumesAfterTheLastHeartbeatedPage() {
    fake.withVolumes(1);
    fake.pagesPerVolume = 24; // 8 chunks of 3 pages
    fake.millisPerPage = 400;
    fake.dieAfterPage = "v1-p2.png"; // the first chunk's worker dies after its second page
    env.close(); // heartbeat timeouts need the real clock: no time skipping here
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    client = env.getWorkflowClient();
    WorkflowTestSupport.register(env, fake);
    JobSpec spec =
        new JobSpec(
            1,
            "J13",
            WorkflowTestSupport.ENG,
            "/out",
            1,
            300,
            10,
            new RetrySettings(3, 3, 100, 1_000),
            0);

    JobOutcome outcome = WorkflowTestSupport.stub(client, "J13").run(spec, null);

    assertThat(outcome.status()).isEqualTo(JobStatus.COMPLETED);
    // The retry resumes after the last heartbeat Temporal received: page 2, or page 1 when the
    // SDK's heartbeat throttling held the last one back (the real activity then skips page 2 by
    // its outputs). Nothing before the resume point is redone, nothing is lost.
    assertThat(fake.resumedAt).hasSize(1);
    int resumeAt = fake.resumedAt.get(0);
    assertThat(resumeAt).isBetween(1, 2);
    assertThat(fake.pageCounts()).hasSize(24);
    for (int p = 1; p <= 24; p++) {
      long expected = p == 2 && resumeAt == 1 ? 2 : 1;
      assertThat(fake.pageCounts().get("v1-p" + p + ".png"))
          .as("page %d of %s", p, fake.pagesOcred)
          .isEqualTo(expected);
    }
  }

  @Test
  void aMissingVolumeFailsTerminallyWithoutRetriesWhileTheOthersFinish() {
    fake.withVolumes(3);
    fake.missingVolumes.add("v2");
    WorkflowTestSupport.register(env, fake);

    JobOutcome outcome =
        WorkflowTestSupport.stub(client, "J4").run(WorkflowTestSupport.spec("J4", 3, 0), null);

    assertThat(outcome.status()).isEqualTo(JobStatus.FAILED);
    assertThat(outcome.volumesDone()).isEqualTo(2);
    assertThat(outcome.volumesFailed()).isEqualTo(1);
    assertThat(fake.taskStatus.get(2L)).isEqualTo("terminal_failed");
    assertThat(fake.taskAttempts.get(2L)).isEqualTo(1);
    assertThat(fake.taskErrors.get(2L))
        .contains("VolumeNotProcessable")
        .contains("volume folder not found: /scans/v2");
  }

  @Test
  void aTaskThatKeepsFailingIsRetriedUpToMaxAttemptsThenTerminal() {
    fake.withVolumes(1);
    fake.ocrFailures.put(
        "v1", new AtomicInteger(100)); // 3 activity attempts per task attempt, never succeeds
    WorkflowTestSupport.register(env, fake);

    JobOutcome outcome =
        WorkflowTestSupport.stub(client, "J5").run(WorkflowTestSupport.spec("J5", 1, 0), null);

    assertThat(outcome.status()).isEqualTo(JobStatus.FAILED);
    assertThat(fake.taskStatus.get(1L)).isEqualTo("terminal_failed");
    assertThat(fake.taskAttempts.get(1L)).isEqualTo(3);
    assertThat(fake.taskErrors.get(1L)).contains("transient storage error");
  }

  @Test
  void aVolumeWithItsSuccessMarkerIsSkipped() {
    fake.withVolumes(2);
    fake.alreadyDone.add("v1");
    WorkflowTestSupport.register(env, fake);

    JobOutcome outcome =
        WorkflowTestSupport.stub(client, "J6").run(WorkflowTestSupport.spec("J6", 2, 0), null);

    assertThat(outcome.volumesDone()).isEqualTo(2);
    assertThat(fake.pagesOcred).noneMatch(p -> p.startsWith("v1-"));
    assertThat(fake.manifests).containsExactly("v2");
  }

  @Test
  void continuesAsNewAndStillProcessesEveryVolumeOnce() {
    fake.withVolumes(7);
    fake.pagesPerVolume = 1;
    WorkflowTestSupport.register(env, fake);

    JobOutcome outcome =
        WorkflowTestSupport.stub(client, "J7").run(WorkflowTestSupport.spec("J7", 2, 3), null);

    assertThat(outcome.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(outcome.volumesDone()).isEqualTo(7);
    assertThat(outcome.pagesOk()).isEqualTo(7);
    assertThat(fake.pageCounts())
        .hasSize(7)
        .allSatisfy((page, times) -> assertThat(times).isEqualTo(1));
    assertThat(fake.jobEvents).containsExactly("started", "finished:completed");
  }

  @Test
  void signalledConcurrencySurvivesContinueAsNew() {
    fake.withVolumes(12);
    fake.pagesPerVolume = 1;
    fake.millisPerPage = 100;
    fake.chunkGate = new java.util.concurrent.CountDownLatch(1); // volumes start, pages wait
    WorkflowTestSupport.register(env, fake);
    BatchJobWorkflow job = WorkflowTestSupport.stub(client, "J12");
    WorkflowClient.start(job::run, WorkflowTestSupport.spec("J12", 1, 3), null);

    job.setConcurrency(3);
    waitUntil(() -> fake.runningVolumes.size() == 3); // however late the signal was applied
    fake.chunkGate.countDown();
    JobOutcome outcome = WorkflowStub.fromTyped(job).getResult(JobOutcome.class);

    assertThat(outcome.volumesDone()).isEqualTo(12);
    assertThat(fake.maxRunningVolumes.get()).isEqualTo(3);
    assertThat(job.progress().concurrency())
        .as("the last of several runs kept the signalled value")
        .isEqualTo(3);
    assertThat(fake.jobEvents).containsExactly("started", "finished:completed");
  }

  @Test
  void cancelLetsInFlightPagesFinishAndStartsNothingNew() {
    fake.withVolumes(6);
    fake.pagesPerVolume = 40; // 8 chunks of 5 pages: every chunk is mid-way when the cancel comes
    fake.millisPerPage = 300;
    WorkflowTestSupport.register(env, fake);
    BatchJobWorkflow job = WorkflowTestSupport.stub(client, "J8");
    WorkflowClient.start(job::run, WorkflowTestSupport.spec("J8", 1, 0, 10), null);

    waitUntil(() -> fake.pagesOcred.size() >= 1);
    job.cancel();
    JobOutcome outcome = WorkflowStub.fromTyped(job).getResult(JobOutcome.class);

    assertThat(outcome.status()).isEqualTo(JobStatus.CANCELED);
    assertThat(fake.jobEvents).containsSubsequence("cancel-requested", "finished:canceled");
    assertThat(fake.pagesOcred).allMatch(p -> p.startsWith("v1-")); // v2.. never started
    assertThat(fake.countStatus("pending")).isEqualTo(6); // v1 handed back, the rest never started
    assertThat(fake.pagesOcred).hasSizeLessThan(40);
    assertThat(fake.manifests).isEmpty();
    assertThat(fake.runningChunks.get()).isZero(); // nothing left running
  }

  @Test
  void cancelStopsVolumesWhoseListingIsBeingRetried() throws Exception {
    fake.withVolumes(3);
    fake.unlistableVolumes.addAll(java.util.List.of("v1", "v2"));
    WorkflowTestSupport.register(env, fake);
    BatchJobWorkflow job = WorkflowTestSupport.stub(client, "J8b");
    WorkflowClient.start(job::run, WorkflowTestSupport.spec("J8b", 2, 0), null);

    waitUntil(() -> fake.listAttempts.get() >= 2); // both volumes are retrying their listing
    long canceledAt = env.currentTimeMillis();
    job.cancel();
    JobOutcome outcome = WorkflowStub.fromTyped(job).getResult(JobOutcome.class);

    assertThat(outcome.status()).isEqualTo(JobStatus.CANCELED);
    // workflow time (the test service skips time): without stopping the children, the listing's
    // retries (10 attempts, up to a minute apart) and the task's retries took over ten minutes. On
    // a
    // loaded machine the test service may skip ahead to a retry timer before the cancel is handled
    // (a minute was seen), hence the margin.
    assertThat(Duration.ofMillis(env.currentTimeMillis() - canceledAt))
        .isLessThan(Duration.ofMinutes(5));
    assertThat(fake.countStatus("pending"))
        .as("the retrying volumes are handed back, v3 never started")
        .isEqualTo(3);
    assertThat(fake.jobEvents).containsSubsequence("cancel-requested", "finished:canceled");
    // the cancel path's histories replay deterministically
    io.temporal.testing.WorkflowReplayer.replayWorkflowExecution(
        client.fetchHistory("J8b"), BatchJobWorkflowImpl.class);
    io.temporal.testing.WorkflowReplayer.replayWorkflowExecution(
        client.fetchHistory("J8b/v1"), VolumeWorkflowImpl.class);
  }

  @Test
  void temporalCancellationEndsTheJobCanceledToo() {
    fake.withVolumes(3);
    fake.pagesPerVolume = 24; // 8 chunks of 3 pages: v1 still runs well after its first page
    fake.millisPerPage = 300;
    WorkflowTestSupport.register(env, fake);
    BatchJobWorkflow job = WorkflowTestSupport.stub(client, "J9");
    WorkflowClient.start(job::run, WorkflowTestSupport.spec("J9", 1, 0), null);

    waitUntil(() -> fake.pagesOcred.size() >= 1);
    WorkflowStub.fromTyped(job).cancel();
    waitUntil(() -> fake.jobEvents.contains("finished:canceled"));

    assertThat(fake.pagesOcred).allMatch(p -> p.startsWith("v1-"));
  }

  @Test
  void anIntakeJobWaitsForMoreVolumesRunsThoseSignalledAndEndsOnlyWhenCanceled() {
    fake.withVolumes(1);
    WorkflowTestSupport.register(env, fake);
    BatchJobWorkflow job = WorkflowTestSupport.stub(client, "J20");
    JobSpec spec =
        new JobSpec(
            1,
            "J20",
            WorkflowTestSupport.ENG,
            "/out",
            2,
            300,
            2,
            new RetrySettings(3, 3, 100, 2_000),
            3,
            true,
            null);
    WorkflowClient.start(job::run, spec, null);

    waitUntil(() -> fake.countStatus("done") == 1);
    sleep(500);
    assertThat(job.progress().status()).as("out of work, still open").isEqualTo("running");
    assertThat(fake.jobEvents).noneMatch(e -> e.startsWith("finished"));

    fake.addVolumes(4);
    job.volumesAdded();
    waitUntil(
        () -> fake.countStatus("done") == 5); // three children per run: continued as new on the way
    fake.addVolumes(1);
    job.volumesAdded();
    waitUntil(() -> fake.countStatus("done") == 6);

    job.cancel();
    JobOutcome outcome = WorkflowStub.fromTyped(job).getResult(JobOutcome.class);
    assertThat(outcome.status()).isEqualTo(JobStatus.CANCELED);
    assertThat(outcome.volumesDone()).isEqualTo(6);
  }

  @Test
  void pauseStopsNewVolumesAndResumeContinues() {
    fake.withVolumes(4);
    // The pause must reach the workflow before the first volume ends: it is sent as soon as the
    // volume's pages start, with 1 s of margin (pausing after a 200 ms page left too little on a
    // loaded CI machine, where the second volume had started too).
    fake.pagesPerVolume = 2;
    fake.millisPerPage = 1000;
    WorkflowTestSupport.register(env, fake);
    BatchJobWorkflow job = WorkflowTestSupport.stub(client, "J10");
    WorkflowClient.start(job::run, WorkflowTestSupport.spec("J10", 1, 0), null);

    waitUntil(() -> fake.runningChunks.get() > 0);
    job.pause();
    waitUntil(() -> fake.jobEvents.contains("paused") && fake.countStatus("done") >= 1);
    sleep(800);
    assertThat(fake.countStatus("done")).isEqualTo(1);
    assertThat(job.progress().paused()).isTrue();
    job.resume();
    JobOutcome outcome = WorkflowStub.fromTyped(job).getResult(JobOutcome.class);

    assertThat(outcome.volumesDone()).isEqualTo(4);
    assertThat(fake.jobEvents).containsSubsequence("paused", "resumed", "finished:completed");
  }

  @Test
  void startingAJobKeyTwiceIsRefusedByTemporal() {
    fake.withVolumes(1);
    fake.millisPerPage = 200;
    WorkflowTestSupport.register(env, fake);
    WorkflowClient.start(
        WorkflowTestSupport.stub(client, "J11")::run, WorkflowTestSupport.spec("J11", 1, 0), null);

    BatchJobWorkflow again = WorkflowTestSupport.stub(client, "J11");
    assertThatThrownBy(
            () -> WorkflowClient.start(again::run, WorkflowTestSupport.spec("J11", 1, 0), null))
        .isInstanceOf(WorkflowExecutionAlreadyStarted.class);
  }

  static void waitUntil(java.util.function.BooleanSupplier condition) {
    waitUntil(condition, 30);
  }

  static void waitUntil(java.util.function.BooleanSupplier condition, int seconds) {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline)
        throw new AssertionError("condition not met within " + seconds + " s");
      sleep(20);
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aThirtyThousandPageVolumeStaysUnderTemporalsPendingActivityAndHistoryLimits() {
    fake.withVolumes(1);
    fake.pagesPerVolume = 30_000;
    WorkflowTestSupport.register(env, fake);

    JobOutcome outcome =
        WorkflowTestSupport.stub(client, "J30K")
            .run(WorkflowTestSupport.spec("J30K", 1, 0, 1), null);

    assertThat(outcome.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(outcome.pagesOk()).isEqualTo(30_000);
    assertThat(fake.pagesOcred).hasSize(30_000);
    var events = client.fetchHistory("J30K/v1").getEvents();
    int pending = 0;
    int maxPending = 0;
    for (var e : events) {
      switch (e.getEventType()) {
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> maxPending = Math.max(maxPending, ++pending);
        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
            EVENT_TYPE_ACTIVITY_TASK_FAILED,
            EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT,
            EVENT_TYPE_ACTIVITY_TASK_CANCELED ->
            pending--;
        default -> {}
      }
    }
    assertThat(maxPending)
        .as("most activities pending at once")
        .isLessThanOrEqualTo(VolumeWorkflowImpl.MAX_PENDING_CHUNKS)
        .isLessThan(2_000);
    assertThat(events).as("history events").hasSizeLessThan(51_200);
  }

  @Test
  void aJobStartedAgainWithOneTaskLeftOfTenThousandStartsOneChild() {
    fake.withVolumes(10_000);
    for (long t = 1; t <= 10_000; t++) fake.taskStatus.put(t, "done");
    fake.taskStatus.put(4_242L, "pending"); // requeued: the one task with work left
    WorkflowTestSupport.register(env, fake);

    JobOutcome outcome =
        WorkflowTestSupport.stub(client, "J10K").run(WorkflowTestSupport.spec("J10K", 4, 0), null);

    assertThat(outcome.volumesDone()).isEqualTo(1);
    assertThat(fake.tasksStarted.get()).isEqualTo(1);
    assertThat(fake.taskStatus.get(4_242L)).isEqualTo("done");
  }
}
