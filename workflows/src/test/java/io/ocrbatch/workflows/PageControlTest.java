package io.ocrbatch.workflows;

import static io.ocrbatch.workflows.BatchJobWorkflowTest.sleep;
import static io.ocrbatch.workflows.BatchJobWorkflowTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a volume does page by page: a pause holds its pages, output storage that refuses writes is
 * waited out without spending attempts, a missing page keeps it from being complete, and its job's
 * progress counts its pages as they finish.
 */
class PageControlTest extends WorkflowTestBase {
  @Test
  void pauseHoldsARunningVolumesPagesAndResumeGoesOnWhereTheyStopped() throws Exception {
    fake.withVolumes(1);
    fake.pagesPerVolume = 40; // 8 chunks of 5 pages, all running at once
    fake.millisPerPage = 300;
    WorkflowTestSupport.register(env, fake);
    BatchJobWorkflow job = WorkflowTestSupport.stub(client, "P1");
    WorkflowClient.start(job::run, WorkflowTestSupport.spec("P1", 1, 0, 5), null);

    waitUntil(() -> fake.pagesOcred.size() >= 8);
    job.pause();
    waitUntil(() -> fake.jobEvents.contains("paused") && fake.runningChunks.get() == 0);
    int held = fake.pagesOcred.size();
    sleep(1_000);

    assertThat(held).as("the volume's pages stopped mid-way").isLessThan(40);
    assertThat(fake.pagesOcred).as("no page advanced while paused").hasSize(held);
    assertThat(fake.runningChunks.get()).isZero();
    assertThat(job.progress().paused()).isTrue();
    assertThat(fake.countStatus("running")).as("the volume holds its place").isEqualTo(1);

    job.resume();
    JobOutcome outcome = WorkflowStub.fromTyped(job).getResult(JobOutcome.class);

    assertThat(outcome.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(outcome.pagesOk()).isEqualTo(40);
    assertThat(fake.pageCounts())
        .as("no page lost, none redone")
        .hasSize(40)
        .allSatisfy((page, times) -> assertThat(times).isEqualTo(1));
    assertThat(fake.jobEvents).containsSubsequence("paused", "resumed", "finished:completed");
    assertThat(job.progress().status()).as("the query after the end").isEqualTo("completed");
    WorkflowReplayer.replayWorkflowExecution(client.fetchHistory("P1"), BatchJobWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecution(
        client.fetchHistory("P1/v1"), VolumeWorkflowImpl.class);
  }

  @Test
  void progressCountsTheRunningVolumesPagesAsTheyFinish() {
    fake.withVolumes(1);
    fake.pagesPerVolume = 12;
    fake.millisPerPage = 1_000;
    Worker io = env.newWorker(TaskQueues.IO);
    io.registerWorkflowImplementationTypes(BatchJobWorkflowImpl.class, VolumeWorkflowImpl.class);
    io.registerActivitiesImplementations(fake);
    Worker cpu = // one page at a time: chunks end one after another
        env.newWorker(
            TaskQueues.OCR_CPU,
            WorkerOptions.newBuilder().setMaxConcurrentActivityExecutionSize(1).build());
    cpu.registerActivitiesImplementations(fake);
    env.start();
    BatchJobWorkflow job = WorkflowTestSupport.stub(client, "P2");
    WorkflowClient.start(job::run, WorkflowTestSupport.spec("P2", 1, 0, 2), null);

    waitUntil(() -> job.progress().pagesOk() > 0, 40);
    JobProgress midway = job.progress();

    assertThat(midway.volumesDone()).as("the volume still runs").isZero();
    assertThat(midway.pagesOk()).isBetween(1, 11);
    assertThat(WorkflowStub.fromTyped(job).getResult(JobOutcome.class).pagesOk()).isEqualTo(12);
    assertThat(job.progress().pagesOk()).isEqualTo(12);
  }

  @Test
  void outputRefusingWritesIsWaitedOutWithoutSpendingAnAttempt() {
    fake.withVolumes(2);
    fake.unwritableOutputs.put("v1", new AtomicInteger(5)); // more than the task's 3 attempts
    WorkflowTestSupport.register(env, fake);

    JobOutcome outcome =
        WorkflowTestSupport.stub(client, "P3").run(WorkflowTestSupport.spec("P3", 2, 0), null);

    assertThat(outcome.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(fake.taskAttempts.get(1L)).isEqualTo(1);
    assertThat(fake.pageCounts())
        .hasSize(6)
        .allSatisfy((page, times) -> assertThat(times).isEqualTo(1));
  }

  @Test
  void aVolumeWithAMissingPageIsNotCompleteAndItsRetryRedoesOnlyThatPage() {
    fake.withVolumes(1);
    fake.skipsDone = true;
    fake.missingPages.put("v1-p2.png", new AtomicInteger(1)); // uploaded by the second attempt
    WorkflowTestSupport.register(env, fake);

    JobOutcome outcome =
        WorkflowTestSupport.stub(client, "P4").run(WorkflowTestSupport.spec("P4", 1, 0), null);

    assertThat(outcome.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(fake.taskAttempts.get(1L)).isEqualTo(2);
    assertThat(fake.manifestsWritten).as("no manifest for the incomplete attempt").hasSize(1);
    assertThat(fake.pageCounts())
        .hasSize(3)
        .allSatisfy((page, times) -> assertThat(times).isEqualTo(1));
  }

  @Test
  void aPageThatStaysMissingFailsTheTaskForGoodWithoutASuccessMarker() {
    fake.withVolumes(2);
    fake.missingPages.put("v1-p3.png", new AtomicInteger(100));
    WorkflowTestSupport.register(env, fake);

    JobOutcome outcome =
        WorkflowTestSupport.stub(client, "P5").run(WorkflowTestSupport.spec("P5", 2, 0), null);

    assertThat(outcome.status()).isEqualTo(JobStatus.FAILED);
    assertThat(fake.taskStatus.get(1L)).isEqualTo("terminal_failed");
    assertThat(fake.taskAttempts.get(1L)).isEqualTo(3);
    assertThat(fake.taskErrors.get(1L))
        .contains(FailureTypes.PAGES_MISSING)
        .contains("1 page(s) could not be read");
    assertThat(fake.manifests).containsExactly("v2");
  }
}
