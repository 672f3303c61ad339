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

  /** The embedded service with a worker of Echo and Upper, and a client. */
  private static final class EchoService implements AutoCloseable {
    final EmbeddedTemporal temporal;
    final WorkflowServiceStubs stubs;
    final WorkflowClient client;
    final WorkerFactory factory;

    EchoService() {
      this(0, EmbeddedTemporal.CLOSED_KEPT_AT_MOST);
    }

    EchoService(long closedKeptMillis, int closedKeptAtMost) {
      temporal = EmbeddedTemporal.start(0, closedKeptMillis, closedKeptAtMost);
      stubs = temporal.stubs();
      client = WorkflowClient.newInstance(stubs);
      factory = WorkerFactory.newInstance(client, WorkerFactoryOptions.newBuilder().build());
      Worker worker =
          factory.newWorker(
              "echo",
              WorkerOptions.newBuilder()
                  .setStickyQueueScheduleToStartTimeout(Duration.ZERO)
                  .build());
      worker.registerWorkflowImplementationTypes(EchoImpl.class);
      worker.registerActivitiesImplementations((Upper) text -> text.toUpperCase());
      factory.start();
    }

    ClosedWorkflowSweeper sweeper() {
      return temporal.sweeper();
    }

    Echo stub(String id) {
      return client.newWorkflowStub(
          Echo.class, WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue("echo").build());
    }

    @Override
    public void close() {
      factory.shutdownNow();
      stubs.shutdownNow();
      temporal.close();
    }
  }

  @Test
  void closedWorkflowsAreForgottenOpenOnesKeptAndIdsReusable() throws Exception {
    try (EchoService service = new EchoService()) {
      WorkflowClient.start(service.stub("open")::echo, "wait");
      for (int i = 0; i < 30; i++)
        assertThat(service.stub("w" + i).echo("hi" + i)).isEqualTo("hi" + i);
      assertThat(service.sweeper().retained()).isEqualTo(31);

      assertThat(service.sweeper().sweep()).isEqualTo(30);

      assertThat(service.sweeper().retained()).as("the open workflow is kept").isEqualTo(1);
      assertThat(service.stub("w0").echo("again"))
          .as("a forgotten id starts anew")
          .isEqualTo("again");
      service.client.newUntypedWorkflowStub("open").terminate("done");
    }
  }

  @Test
  void closedWorkflowsBeyondTheMostKeptAreForgottenBeforeTheirTime() throws Exception {
    try (EchoService service = new EchoService(3_600_000, 5)) {
      WorkflowClient.start(service.stub("open")::echo, "wait");
      for (int i = 0; i < 12; i++) service.stub("w" + i).echo("hi");

      assertThat(service.sweeper().sweep()).isEqualTo(7);

      assertThat(service.sweeper().retained()).as("5 closed and the open one").isEqualTo(6);
      service.client.newUntypedWorkflowStub("open").terminate("done");
    }
  }

  @Test
  void timersOfClosedWorkflowsAreDropped() throws Exception {
    try (EchoService service = new EchoService()) {
      int before = service.sweeper().pendingTimers();
      for (int i = 0; i < 20; i++)
        assertThat(service.stub("u" + i).echo("upper a" + i)).isEqualTo("A" + i);
      assertThat(service.sweeper().pendingTimers())
          .as("the service keeps each finished activity's 6-hour timeout queued")
          .isGreaterThanOrEqualTo(before + 20);

      service.sweeper().sweep();

      assertThat(service.sweeper().pendingTimers()).isLessThan(before + 20);
      assertThat(service.stub("after").echo("upper ok")).isEqualTo("OK");
    }
  }
}
