package io.ocrbatch.activities;

import io.ocrbatch.activities.metrics.OcrMetrics;
import io.ocrbatch.activities.registry.OcrStepRecorder;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.workflows.JobStatus;
import io.ocrbatch.workflows.StatusActivities;
import io.ocrbatch.workflows.TaskRef;
import io.ocrbatch.workflows.VolumeListing;
import io.ocrbatch.workflows.VolumeResult;
import java.util.List;

public class StatusActivitiesImpl implements StatusActivities {
  private final StatusStore store;
  private final OcrMetrics meters;
  private final OcrStepRecorder pipeline; // null: no pipeline registry

  public StatusActivitiesImpl(StatusStore store) {
    this(store, OcrMetrics.none(), null);
  }

  public StatusActivitiesImpl(StatusStore store, OcrMetrics meters) {
    this(store, meters, null);
  }

  public StatusActivitiesImpl(StatusStore store, OcrStepRecorder pipeline) {
    this(store, OcrMetrics.none(), pipeline);
  }

  public StatusActivitiesImpl(StatusStore store, OcrMetrics meters, OcrStepRecorder pipeline) {
    this.store = store;
    this.meters = meters;
    this.pipeline = pipeline;
  }

  @Override
  public void jobStarted(long jobId) {
    store.jobs().markStarted(jobId);
    if (pipeline != null) pipeline.started(jobId);
  }

  @Override
  public void jobPaused(long jobId, boolean paused) {
    store.jobs().markPaused(jobId, paused);
  }

  @Override
  public void jobFinished(long jobId, JobStatus status) {
    store.jobs().markFinished(jobId, status);
    if (pipeline != null) pipeline.finished(jobId);
  }

  @Override
  public void jobCancelRequested(long jobId) {
    store.jobs().requestCancel(jobId);
  }

  @Override
  public List<TaskRef> tasksAfter(long jobId, long afterTaskId, int limit) {
    return store
        .tasks()
        .tasksWithWorkAfter(jobId, afterTaskId, limit); // done and terminal tasks are not run again
  }

  @Override
  public void taskStarted(long taskId, int attempt, int maxAttempts) {
    store.tasks().started(taskId, attempt, maxAttempts);
  }

  @Override
  public void volumeListed(long taskId, VolumeListing listing) {
    store.tasks().listed(taskId, listing);
  }

  @Override
  public void taskFinished(VolumeResult result, int attempt) {
    store.tasks().finished(result, attempt);
    meters.volumeFinished(result.status().name().toLowerCase(java.util.Locale.ROOT));
  }

  @Override
  public void taskInterrupted(long taskId, String reason) {
    store.tasks().interrupted(taskId, reason);
  }
}
