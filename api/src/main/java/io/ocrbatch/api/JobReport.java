package io.ocrbatch.api;

import io.ocrbatch.activities.store.JobProgressStore.Counts;
import io.ocrbatch.activities.store.JobRecord;
import io.ocrbatch.activities.store.TaskStore.TaskError;
import java.time.Duration;
import java.util.List;

/** Everything {@code job status} shows about a job. */
public record JobReport(
    JobRecord job,
    Counts counts,
    double pagesPerHour,
    double tasksPerHour,
    Duration eta,
    List<TaskError> recentErrors) {

  public long pagesTotal() {
    return counts.pagesTotalEstimate();
  }
}
