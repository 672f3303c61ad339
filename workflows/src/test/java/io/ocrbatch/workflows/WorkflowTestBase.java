package io.ocrbatch.workflows;

import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Workflow tests on a fresh Temporal test environment per test, with fake activities. */
abstract class WorkflowTestBase {
  TestWorkflowEnvironment env;
  WorkflowClient client;
  final FakeActivities fake = new FakeActivities();

  @BeforeEach
  void startEnvironment() {
    env = TestWorkflowEnvironment.newInstance();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }
}
