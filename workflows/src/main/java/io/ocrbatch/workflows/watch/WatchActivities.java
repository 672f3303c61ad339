package io.ocrbatch.workflows.watch;

import io.ocrbatch.workflows.JobOutcome;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/** The work of a watch run outside the workflow: scanning, the registry, placing results. */
@ActivityInterface
public interface WatchActivities {

  /** Lists the drop folder and registers new and changed files (unsupported ones as skipped). */
  Discovery discover(WatchSpec spec);

  /**
   * Takes up to {@code limit} files to process (pending, failed with retries left, stale
   * processing), most urgent first, and records a one-volume job for each.
   */
  List<FileWork> claim(WatchSpec spec, int limit);

  /**
   * Ends a file's attempt: on success its results are placed in the publisher's output folder (and
   * zipped) and it is completed; otherwise it is failed with the error. Returns whether it
   * completed.
   *
   * @param outcome the job's outcome, or null when its workflow failed
   * @param error why the job's workflow failed (timeout), or null
   */
  boolean finish(WatchSpec spec, FileWork file, JobOutcome outcome, String error);
}
