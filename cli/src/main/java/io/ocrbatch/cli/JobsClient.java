package io.ocrbatch.cli;

import io.ocrbatch.activities.statusdb.QueueStore;
import io.ocrbatch.api.JobView;
import io.ocrbatch.workflows.JobTypeSpec;
import java.util.List;

/**
 * What the client commands ask of ocrbatch, answered either over the REST API ({@link RemoteJobs},
 * with {@code --server}) or by the status database and Temporal directly ({@link LocalJobs}).
 */
interface JobsClient extends AutoCloseable {
  /** A job as submitted, and whether its key named an existing job (nothing new was created). */
  record Submitted(JobView job, boolean existed) {}

  /** What {@code job create} asks for. */
  record Creation(
      String jobType,
      JobCommands.VolumeSource volumes,
      String jobKey,
      String out,
      boolean force,
      int concurrency,
      int dpi) {}

  Submitted submit(Creation creation);

  /**
   * One job by id or by key (one of them non-null); IllegalArgumentException when there is none.
   */
  JobView job(Long id, String key);

  List<JobView> list(List<String> include, List<String> exclude, int limit);

  /** {@code cancel}, {@code pause} or {@code resume}; returns the job as it is now. */
  JobView control(JobView job, String verb);

  List<JobTypeSpec> jobTypes();

  JobTypeSpec createJobType(JobTypeSpec spec, String description);

  QueueStore.Stats queueStats();

  /** What {@code queue requeue-failed} did: tasks re-queued, their jobs, and tasks left alone. */
  record Requeued(
      int requeued, List<String> jobs, long skippedInRunningJobs, long withoutAttemptsLeft) {}

  Requeued requeueFailed();

  @Override
  void close();
}
