package io.ocrbatch.activities.dropfolder;

import io.ocrbatch.activities.fault.ConflictException;
import io.ocrbatch.workflows.TaskQueues;
import io.ocrbatch.workflows.watch.WatchRunReport;
import io.ocrbatch.workflows.watch.WatchSpec;
import io.ocrbatch.workflows.watch.WatchState;
import io.ocrbatch.workflows.watch.WatchStatus;
import io.ocrbatch.workflows.watch.WatchWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;

/** Starts, signals and asks a watch workflow ({@code watch-<name>}) through a Temporal client. */
public final class WatchControl {
  private final WorkflowClient client;

  public WatchControl(WorkflowClient client) {
    this.client = client;
  }

  /**
   * Starts the scheduled watch unless it runs already; returns whether it was started now (a
   * running one keeps its state: its config is the one it was started with).
   */
  public boolean schedule(WatchSpec spec) {
    try {
      WorkflowClient.start(stub(spec)::run, spec, (WatchState) null);
      return true;
    } catch (WorkflowExecutionAlreadyStarted e) {
      return false;
    }
  }

  /** One run, waited for; the workflow has ended when this returns. */
  public WatchRunReport runOnce(WatchSpec spec) {
    WatchWorkflow workflow = stub(spec);
    try {
      WorkflowClient.start(workflow::run, spec.once(), (WatchState) null);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new ConflictException(
          "watch "
              + spec.workflowId()
              + " is running already (scheduled): send it the trigger signal instead");
    }
    return io.temporal.client.WorkflowStub.fromTyped(workflow).getResult(WatchRunReport.class);
  }

  public void trigger(String name) {
    running(name).trigger();
  }

  public void pause(String name) {
    running(name).pause();
  }

  public void resume(String name) {
    running(name).resume();
  }

  /** Ends a scheduled watch (files it was processing go back to work on its next start). */
  public void stop(String name) {
    client.newUntypedWorkflowStub("watch-" + name).terminate("stopped by its operator");
  }

  public WatchStatus status(String name) {
    return running(name).status();
  }

  private WatchWorkflow running(String name) {
    return client.newWorkflowStub(WatchWorkflow.class, "watch-" + name);
  }

  private WatchWorkflow stub(WatchSpec spec) {
    return client.newWorkflowStub(
        WatchWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(spec.workflowId())
            .setTaskQueue(TaskQueues.IO)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .build());
  }
}
