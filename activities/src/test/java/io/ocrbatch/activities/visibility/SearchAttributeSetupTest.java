package io.ocrbatch.activities.visibility;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.workflows.BatchJobWorkflow;
import io.ocrbatch.workflows.JobCursor;
import io.ocrbatch.workflows.JobSearchAttributes;
import io.ocrbatch.workflows.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SearchAttributeSetupTest {
  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void registersTheAttributesSoThatAJobStartsWithThemAndADescribeShowsThem() {
    WorkflowClient client = env.getWorkflowClient();
    SearchAttributeSetup setup = new SearchAttributeSetup(client);

    assertThat(setup.registered()).isTrue();
    assertThat(new SearchAttributeSetup(client).registered()).as("registering again").isTrue();

    BatchJobWorkflow job =
        client.newWorkflowStub(
            BatchJobWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("J1")
                .setTaskQueue(TaskQueues.IO)
                .setTypedSearchAttributes(JobSearchAttributes.atStart("J1", "tesseract-eng", 7))
                .build());
    WorkflowClient.start(job::run, null, (JobCursor) null); // no worker: it stays started
    var attributes = client.newUntypedWorkflowStub("J1").describe().getTypedSearchAttributes();
    assertThat(attributes.get(JobSearchAttributes.STATUS)).isEqualTo("running");
    assertThat(attributes.get(JobSearchAttributes.VOLUMES_TOTAL)).isEqualTo(7L);
  }

  @Test
  void aServiceThatCannotBeReachedMeansNoAttributesNotAFailure() {
    WorkflowServiceStubs nowhere =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:1")
                .setRpcTimeout(Duration.ofSeconds(1))
                .build());
    try {
      WorkflowClient client =
          WorkflowClient.newInstance(nowhere, WorkflowClientOptions.newBuilder().build());
      assertThat(new SearchAttributeSetup(client).registered()).isFalse();
    } finally {
      nowhere.shutdownNow();
    }
  }
}
