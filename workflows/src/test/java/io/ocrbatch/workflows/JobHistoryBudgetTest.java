package io.ocrbatch.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A job's run starts {@link JobSpec#DEFAULT_CHILDREN_PER_RUN} children before continuing as new;
 * what each child costs in the job's history, measured here, must keep such a run far from
 * Temporal's 51,200-event limit.
 */
class JobHistoryBudgetTest {
  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  private final FakeActivities fake = new FakeActivities();

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void aRunOfTheDefaultNumberOfChildrenStaysFarBelowTheHistoryLimit() {
    int volumes = 300;
    fake.withVolumes(volumes);
    fake.pagesPerVolume = 1;
    WorkflowTestSupport.register(env, fake);
    WorkflowClient client = env.getWorkflowClient();

    JobOutcome outcome =
        WorkflowTestSupport.stub(client, "J1").run(WorkflowTestSupport.spec("J1", 16, 0), null);

    assertThat(outcome.volumesDone()).isEqualTo(volumes);
    assertThat(fake.jobEvents).as("one run: no continue-as-new below the default").hasSize(2);
    int events = client.fetchHistory("J1").getHistory().getEventsCount();
    double perChild = (double) events / volumes;
    assertThat(perChild * JobSpec.DEFAULT_CHILDREN_PER_RUN)
        .as("history events of a %d-child run at %.1f events per child", 2000, perChild)
        .isLessThan(25_600); // half the limit: room for signals and search-attribute updates
  }
}
