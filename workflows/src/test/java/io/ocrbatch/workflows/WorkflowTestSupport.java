package io.ocrbatch.workflows;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;

/** Test environment with the production task-queue layout and fake activities. */
final class WorkflowTestSupport {
  static final JobTypeSpec ENG =
      new JobTypeSpec(
          1, "tesseract-eng", "tesseract", "eng", "eng", "unicode", "auto", List.of("txt", "json"));

  private WorkflowTestSupport() {}

  static void register(TestWorkflowEnvironment env, FakeActivities fake) {
    Worker io = env.newWorker(TaskQueues.IO);
    io.registerWorkflowImplementationTypes(BatchJobWorkflowImpl.class, VolumeWorkflowImpl.class);
    io.registerActivitiesImplementations(fake);
    Worker cpu = env.newWorker(TaskQueues.OCR_CPU);
    cpu.registerActivitiesImplementations(fake);
    env.start();
  }

  static JobSpec spec(String key, int concurrency, int childrenPerRun) {
    return spec(key, concurrency, childrenPerRun, 2);
  }

  static JobSpec spec(String key, int concurrency, int childrenPerRun, int pagesPerChunk) {
    return new JobSpec(
        1,
        key,
        ENG,
        "/out",
        concurrency,
        300,
        pagesPerChunk,
        new RetrySettings(3, 3, 100, 2_000),
        childrenPerRun);
  }

  static BatchJobWorkflow stub(WorkflowClient client, String key) {
    return client.newWorkflowStub(
        BatchJobWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(key).setTaskQueue(TaskQueues.IO).build());
  }
}
