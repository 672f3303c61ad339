package io.ocrbatch.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobSearchAttributesTest extends WorkflowTestBase {
  private void registerAttributes() {
    for (SearchAttributeKey<?> key : JobSearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), key.getValueType());
    }
  }

  private BatchJobWorkflow startedWith(String key, boolean attributes) {
    WorkflowOptions.Builder options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(key)
            .setTaskQueue(TaskQueues.IO)
            .setMemo(Map.of(JobSearchAttributes.MEMO_JOB_KEY, key));
    if (attributes) {
      options.setTypedSearchAttributes(JobSearchAttributes.atStart(key, "tesseract-eng", 5));
    }
    return client.newWorkflowStub(BatchJobWorkflow.class, options.build());
  }

  @Test
  void aFinishedJobShowsItsStatusAndCountsAndItsVolumesTheirIdsInADescribe() {
    registerAttributes();
    fake.withVolumes(5);
    WorkflowTestSupport.register(env, fake);

    startedWith("J1", true).run(WorkflowTestSupport.spec("J1", 2, 2), null); // continues as new

    WorkflowExecutionDescription job = client.newUntypedWorkflowStub("J1").describe();
    assertThat(job.getTypedSearchAttributes().get(JobSearchAttributes.JOB_KEY)).isEqualTo("J1");
    assertThat(job.getTypedSearchAttributes().get(JobSearchAttributes.JOB_TYPE))
        .isEqualTo("tesseract-eng");
    assertThat(job.getTypedSearchAttributes().get(JobSearchAttributes.STATUS))
        .isEqualTo("completed");
    assertThat(job.getTypedSearchAttributes().get(JobSearchAttributes.VOLUMES_TOTAL)).isEqualTo(5);
    assertThat(job.getTypedSearchAttributes().get(JobSearchAttributes.VOLUMES_DONE)).isEqualTo(5);
    assertThat(job.getTypedSearchAttributes().get(JobSearchAttributes.PAGES_DONE)).isEqualTo(15);
    assertThat(job.getMemo(JobSearchAttributes.MEMO_JOB_KEY, String.class)).isEqualTo("J1");

    WorkflowExecutionDescription volume = client.newUntypedWorkflowStub("J1/v3").describe();
    assertThat(volume.getTypedSearchAttributes().get(JobSearchAttributes.VOLUME_ID))
        .isEqualTo("v3");
    assertThat(volume.getTypedSearchAttributes().get(JobSearchAttributes.JOB_KEY)).isEqualTo("J1");
  }

  @Test
  void aJobWhosePagesAllFailedEndsFailed() {
    registerAttributes();
    fake.withVolumes(2);
    for (String v : java.util.List.of("v1", "v2"))
      for (int p = 1; p <= 3; p++) fake.badPages.add(v + "-p" + p + ".png");
    WorkflowTestSupport.register(env, fake);

    JobOutcome outcome = startedWith("J3", true).run(WorkflowTestSupport.spec("J3", 2, 0), null);

    assertThat(outcome.status()).isEqualTo(JobStatus.FAILED);
    assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(fake.jobEvents).contains("finished:failed");
    assertThat(statusAttribute("J3")).isEqualTo("failed");
  }

  @Test
  void aJobWithSomeFailedPagesEndsCompletedWithFailures() {
    registerAttributes();
    fake.withVolumes(2);
    fake.badPages.add("v2-p3.png");
    WorkflowTestSupport.register(env, fake);

    JobOutcome outcome = startedWith("J4", true).run(WorkflowTestSupport.spec("J4", 2, 0), null);

    assertThat(outcome.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(outcome.outcome()).isEqualTo(Outcome.COMPLETED_WITH_FAILURES);
    assertThat(outcome.pagesFailed()).isEqualTo(1);
    assertThat(fake.jobEvents).contains("finished:completed");
    assertThat(statusAttribute("J4")).isEqualTo("completed_with_failures");
  }

  private String statusAttribute(String jobKey) {
    return client
        .newUntypedWorkflowStub(jobKey)
        .describe()
        .getTypedSearchAttributes()
        .get(JobSearchAttributes.STATUS);
  }

  @Test
  void aJobStartedWithoutAttributesRunsWithoutThem() {
    fake.withVolumes(2);
    WorkflowTestSupport.register(env, fake);

    JobOutcome outcome = startedWith("J2", false).run(WorkflowTestSupport.spec("J2", 2, 0), null);

    assertThat(outcome.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(
            client
                .newUntypedWorkflowStub("J2")
                .describe()
                .getTypedSearchAttributes()
                .containsKey(JobSearchAttributes.STATUS))
        .isFalse();
  }

  @Test
  void theAttributeTypesAreTheOnesTheReadmeDocuments() {
    assertThat(JobSearchAttributes.STATUS.getValueType())
        .isEqualTo(IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    assertThat(JobSearchAttributes.VOLUMES_DONE.getValueType())
        .isEqualTo(IndexedValueType.INDEXED_VALUE_TYPE_INT);
  }
}
