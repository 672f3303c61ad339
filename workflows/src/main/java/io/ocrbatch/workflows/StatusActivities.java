package io.ocrbatch.workflows;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/** Writes to and reads from the status store (PostgreSQL). Every write is an idempotent upsert. */
@ActivityInterface
public interface StatusActivities {

  void jobStarted(long jobId);

  void jobPaused(long jobId, boolean paused);

  void jobFinished(long jobId, JobStatus status);

  /** Flags the job so page activities stop before their next page. */
  void jobCancelRequested(long jobId);

  /** The job's tasks with ids above {@code afterTaskId}, in id order. */
  List<TaskRef> tasksAfter(long jobId, long afterTaskId, int limit);

  void taskStarted(long taskId, int attempt, int maxAttempts);

  void volumeListed(long taskId, VolumeListing listing);

  void taskFinished(VolumeResult result, int attempt);

  /** The task stopped before it ended (its job was canceled); it goes back to pending. */
  void taskInterrupted(long taskId, String reason);
}
