package io.ocrbatch.api;

import io.ocrbatch.activities.statusdb.JobProgressStore.Counts;
import io.ocrbatch.activities.statusdb.JobRecord;
import io.ocrbatch.activities.statusdb.TaskStore.Hold;
import io.ocrbatch.activities.statusdb.TaskStore.TaskError;
import java.time.Duration;
import java.util.List;

/**
 * Everything {@code job status} shows about a job.
 *
 * @param uploadedFile the uploaded file's name (as the user gave it) for a job made by an upload,
 *     else null
 * @param holds running volumes whose results wait for their output storage to take writes
 */
public record JobReport(
    JobRecord job,
    Counts counts,
    double pagesPerHour,
    double tasksPerHour,
    Duration eta,
    List<TaskError> recentErrors,
    String uploadedFile,
    List<Hold> holds) {

  public long pagesTotal() {
    return counts.pagesTotalEstimate();
  }
}
