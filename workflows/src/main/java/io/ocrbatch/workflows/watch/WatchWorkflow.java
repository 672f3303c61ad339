package io.ocrbatch.workflows.watch;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One per drop-folder config, workflow id {@code watch-<name>}: each run discovers, registers and
 * processes files, then the workflow sleeps the interval on a Temporal timer and continues as new.
 * Signals: {@code trigger} (run now), {@code pause}, {@code resume}. Query: {@code status}.
 */
@WorkflowInterface
public interface WatchWorkflow {

  /**
   * @param state null at first; carried by continue-as-new after that
   * @return the last run's report (only a {@code runOnce} watch ends)
   */
  @WorkflowMethod
  WatchRunReport run(WatchSpec spec, WatchState state);

  @SignalMethod
  void trigger();

  @SignalMethod
  void pause();

  @SignalMethod
  void resume();

  @QueryMethod
  WatchStatus status();
}
