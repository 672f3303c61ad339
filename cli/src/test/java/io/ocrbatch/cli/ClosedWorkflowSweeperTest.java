package io.ocrbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClosedWorkflowSweeperTest {

  @WorkflowInterface
  public interface Echo {
    @WorkflowMethod
    String echo(String text);
  }

  @ActivityInterface
  public interface Upper {
    @ActivityMethod
    String upper(String text);
  }

  public static class EchoImpl implements Echo {
    // like an OCR chunk: a long start-to-close, so the service queues a timer that outlives the run
    private final Upper upper =
        Workflow.newActivityStub(
            Upper.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofHours(6)).build());

    @Override
    public String echo(String text) {
      if (text.equals("wait")) Workflow.await(() -> false);
      if (text.startsWith("upper ")) return upper.upper(text.substring(6));
      return text;
    }
  }

  @Test
  void closedWorkflowsAreForgottenOpenOnesKeptAndIdsReusable() throws Exception {
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(0, 0)) {
      WorkflowServiceStubs stubs = temporal.stubs();
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      WorkerFactory factory =
          WorkerFactory.newInstance(client, WorkerFactoryOptions.newBuilder().build());
      factory
          .newWorker(
              "echo",
              WorkerOptions.newBuilder()
                  .setStickyQueueScheduleToStartTimeout(Duration.ZERO)
                  .build())
          .registerWorkflowImplementationTypes(EchoImpl.class);
      factory.start();
      try {
        Echo waiting = stub(client, "open");
        WorkflowClient.start(waiting::echo, "wait");
        for (int i = 0; i < 30; i++)
          assertThat(stub(client, "w" + i).echo("hi" + i)).isEqualTo("hi" + i);
        assertThat(temporal.sweeper().retained()).isEqualTo(31);

        assertThat(temporal.sweeper().sweep()).isEqualTo(30);

        assertThat(temporal.sweeper().retained()).as("the open workflow is kept").isEqualTo(1);
        assertThat(stub(client, "w0").echo("again"))
            .as("a forgotten id starts anew")
            .isEqualTo("again");
        client.newUntypedWorkflowStub("open").terminate("done");
      } finally {
        factory.shutdownNow();
        stubs.shutdownNow();
      }
    }
  }

  @Test
  void timersOfClosedWorkflowsAreDropped() throws Exception {
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(0, 0)) {
      WorkflowServiceStubs stubs = temporal.stubs();
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      WorkerFactory factory =
          WorkerFactory.newInstance(client, WorkerFactoryOptions.newBuilder().build());
      Worker worker =
          factory.newWorker(
              "echo",
              WorkerOptions.newBuilder()
                  .setStickyQueueScheduleToStartTimeout(Duration.ZERO)
                  .build());
      worker.registerWorkflowImplementationTypes(EchoImpl.class);
      worker.registerActivitiesImplementations((Upper) text -> text.toUpperCase());
      factory.start();
      try {
        int before = temporal.sweeper().pendingTimers();
        for (int i = 0; i < 20; i++)
          assertThat(stub(client, "u" + i).echo("upper a" + i)).isEqualTo("A" + i);
        assertThat(temporal.sweeper().pendingTimers())
            .as("the service keeps each finished activity's 6-hour timeout queued")
            .isGreaterThanOrEqualTo(before + 20);

        temporal.sweeper().sweep();

        assertThat(temporal.sweeper().pendingTimers()).isLessThan(before + 20);
        assertThat(stub(client, "after").echo("upper ok")).isEqualTo("OK");
      } finally {
        factory.shutdownNow();
        stubs.shutdownNow();
      }
    }
  }

  private static Echo stub(WorkflowClient client, String id) {
    return client.newWorkflowStub(
        Echo.class, WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue("echo").build());
  }
}
