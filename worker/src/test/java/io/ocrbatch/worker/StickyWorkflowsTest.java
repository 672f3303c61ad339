package io.ocrbatch.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.TestWorkflowEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StickyWorkflowsTest {
  private final TestWorkflowEnvironment testServer = TestWorkflowEnvironment.newInstance();

  @AfterEach
  void close() {
    testServer.close();
  }

  @Test
  void aWorkerOfAnotherProcessOnTheTestServerReplaysInsteadOfStickingToItsQueue() {
    assertThat(
            StickyWorkflows.safe(
                testServer.getWorkflowClient(), WorkerSettings.defaults("other-process")))
        .as("the test server reports no version: it never re-routes a dead worker's sticky queue")
        .isFalse();
  }

  @Test
  void aWorkerBesideTheEmbeddedServiceKeepsItsWorkflowsCached() {
    assertThat(
            StickyWorkflows.safe(
                testServer.getWorkflowClient(),
                WorkerSettings.defaults("in-process").withEmbeddedService()))
        .isTrue();
  }
}
