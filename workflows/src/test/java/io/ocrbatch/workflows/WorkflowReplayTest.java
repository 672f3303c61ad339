package io.ocrbatch.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Determinism: histories recorded from earlier versions of the workflows must replay on the current
 * code (running jobs survive a deploy), and so must a history made now. Re-record with {@code
 * -Docrbatch.recordHistories=workflows/src/test/resources/histories}.
 */
class WorkflowReplayTest {

  @Test
  void recordedHistoriesReplayOnTheCurrentCode() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/batch-job.json", BatchJobWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/volume.json", VolumeWorkflowImpl.class);
    // recorded at af5bd28, with every version marker of that time
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/batch-job-af5bd28.json", BatchJobWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/volume-af5bd28.json", VolumeWorkflowImpl.class);
  }

  @Test
  void aFreshRunWithRetriesFailuresAndSignalsReplays() throws Exception {
    FakeActivities fake = new FakeActivities().withVolumes(4);
    fake.missingVolumes.add("v3");
    fake.ocrFailures.put("v2", new java.util.concurrent.atomic.AtomicInteger(1));
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      WorkflowTestSupport.register(env, fake);
      BatchJobWorkflow job = WorkflowTestSupport.stub(env.getWorkflowClient(), "JR");
      job.run(WorkflowTestSupport.spec("JR", 2, 0), null);

      WorkflowExecutionHistory jobHistory = env.getWorkflowClient().fetchHistory("JR");
      WorkflowExecutionHistory volumeHistory = env.getWorkflowClient().fetchHistory("JR/v2");
      WorkflowReplayer.replayWorkflowExecution(jobHistory, BatchJobWorkflowImpl.class);
      WorkflowReplayer.replayWorkflowExecution(volumeHistory, VolumeWorkflowImpl.class);
      assertThat(jobHistory.getEvents()).hasSizeGreaterThan(10);

      String target = System.getProperty("ocrbatch.recordHistories");
      if (target != null) {
        Files.createDirectories(Path.of(target));
        Files.writeString(Path.of(target, "batch-job.json"), jobHistory.toJson(true));
        Files.writeString(Path.of(target, "volume.json"), volumeHistory.toJson(true));
      }
    }
  }
}
