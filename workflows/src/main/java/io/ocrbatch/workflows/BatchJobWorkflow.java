package io.ocrbatch.workflows;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One job. Workflow id: the job key. Fans out one {@link VolumeWorkflow} per task through a sliding
 * window and continues-as-new before its history grows large.
 *
 * <p>Signals (also sendable with {@code temporal workflow signal --name NAME}): {@code pause},
 * {@code resume}, {@code setConcurrency} (an integer ≥ 1), {@code cancel}, {@code volumesAdded}
 * (re-read the job's tasks; rolling intake jobs wait for it). Temporal cancellation works like
 * {@code cancel}. Query: {@code progress} (pages counted as they finish, a few seconds late).
 */
@WorkflowInterface
public interface BatchJobWorkflow {

  /**
   * @param cursor null on the first run; carried by continue-as-new after that
   */
  @WorkflowMethod
  JobOutcome run(JobSpec spec, JobCursor cursor);

  @SignalMethod
  void pause();

  @SignalMethod
  void resume();

  @SignalMethod
  void setConcurrency(int concurrency);

  /** In-flight pages finish, nothing new starts, the job ends {@code canceled}. */
  @SignalMethod
  void cancel();

  /** Tasks were added to the job in the status store (SQS intake); it fetches them. */
  @SignalMethod
  void volumesAdded();

  /**
   * A running volume's pages so far (its workflow tells every few seconds); see {@code progress}.
   */
  @SignalMethod
  void volumeProgress(VolumeProgress progress);

  @QueryMethod
  JobProgress progress();
}
