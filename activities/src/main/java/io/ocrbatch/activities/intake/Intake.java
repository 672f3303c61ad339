package io.ocrbatch.activities.intake;

import io.ocrbatch.activities.fault.ConflictException;
import io.ocrbatch.activities.statusdb.JobRecord;
import io.ocrbatch.activities.statusdb.JobStore;
import io.ocrbatch.activities.statusdb.NewJob;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.workflows.JobTypeSpec;
import io.ocrbatch.workflows.VolumeRef;
import java.util.List;

/**
 * Adds volumes to a rolling intake job: the one service SQS, the CLI and a workflow's activities
 * call. Lives beside the store; Temporal is reached through {@link JobLauncher}.
 */
public final class Intake {
  private final StatusStore store;
  private final JobLauncher launcher;

  public Intake(StatusStore store, JobLauncher launcher) {
    this.store = store;
    this.launcher = launcher;
  }

  /** How jobs are started (for callers that add jobs of their own beside the intake ones). */
  public JobLauncher launcher() {
    return launcher;
  }

  /** The rolling intake job of a job type and priority. */
  public static String jobKey(String jobTypeName, int priority) {
    return "intake-"
        + jobTypeName
        + (priority == JobInputs.DEFAULT_PRIORITY ? "" : "-p" + priority);
  }

  /** What {@link #add} did: the intake job, and how many of the volumes were new to it. */
  public record Added(JobRecord job, int added) {}

  /**
   * Adds volumes to a rolling intake job, creating or reopening it, then tells its workflow through
   * signal-with-start. The job is {@code jobKey} when given, else the one of the job type and
   * priority ({@code intake-<type>}, or {@code intake-<type>-p<n>} for a priority other than 3). A
   * volume already in the job adds nothing, so a redelivered message creates no work. Returns once
   * Temporal has accepted the signal.
   *
   * @throws io.ocrbatch.activities.fault.BadInputException the job type, priority, key or output is
   *     wrong
   * @throws ConflictException the intake job is being canceled (try again when it has ended)
   */
  public Added add(
      String jobTypeName, int priority, List<VolumeRef> volumes, String output, String jobKey) {
    JobTypeSpec type = JobInputs.jobType(store, jobTypeName);
    JobInputs.priority(priority);
    String key = jobKey != null ? JobKeys.validate(jobKey) : jobKey(type.name(), priority);
    int maxAttempts = launcher.retry().maxTaskAttempts();
    JobStore.Created created =
        store
            .jobs()
            .create(
                new NewJob(
                    key,
                    type.id(),
                    JobInputs.outputRoot(output),
                    JobInputs.DEFAULT_CONCURRENCY,
                    JobInputs.DEFAULT_DPI,
                    JobInputs.PAGES_PER_CHUNK,
                    maxAttempts,
                    volumes,
                    priority,
                    null,
                    false,
                    true));
    long jobId = created.job().id();
    int added = volumes.size();
    if (created.existed()) {
      if (created.job().cancelRequested() && !created.job().status().finished()) {
        // its workflow is stopping and would ignore the signal: keep the message until it has ended
        throw new ConflictException(
            "intake job " + key + " is being canceled; try again when it has ended");
      }
      store.jobs().reopen(jobId);
      added = store.jobs().addTasks(jobId, volumes, maxAttempts);
    }
    launcher.volumesAdded(store.jobs().byId(jobId).orElseThrow());
    return new Added(store.jobs().byId(jobId).orElseThrow(), added);
  }
}
