package io.ocrbatch.api;

import io.ocrbatch.activities.fault.UserInput;
import io.ocrbatch.activities.statusdb.JobProgressStore.Counts;
import io.ocrbatch.activities.statusdb.JobRecord;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.statusdb.UploadStore.Upload;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the database says about jobs: one by id or key, pages of them, each with rates and an ETA.
 */
final class JobReports {
  private final StatusStore store;
  private final Clock clock;

  JobReports(StatusStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  JobRecord find(Long jobId, String jobKey) {
    Optional<JobRecord> job = jobId != null ? store.jobs().byId(jobId) : store.jobs().byKey(jobKey);
    return job.orElseThrow(
        () ->
            new IllegalArgumentException(
                "no job with "
                    + (jobId != null ? "id " + jobId : "key " + UserInput.quote(jobKey))));
  }

  /** A page of jobs, newest first: {@code limit} after the first {@code offset}. */
  List<JobReport> list(List<String> include, List<String> exclude, int limit, int offset) {
    return store.jobs().list(include, exclude, limit, offset).stream().map(this::report).toList();
  }

  JobReport report(JobRecord job) {
    Counts counts = store.progress().counts(job.id());
    Instant start = job.startedAt() != null ? job.startedAt() : counts.firstPageAt();
    Instant end = job.finishedAt() != null ? job.finishedAt() : Instant.now(clock);
    double hours =
        start == null ? 0 : Math.max(1, Duration.between(start, end).toMillis()) / 3_600_000.0;
    double pagesPerHour = hours == 0 ? 0 : counts.pagesProcessed() / hours;
    double tasksPerHour = hours == 0 ? 0 : (counts.done() + counts.terminal()) / hours;
    Duration eta = null;
    long remaining = counts.pagesTotalEstimate() - counts.pagesFinished();
    if (!job.status().finished() && pagesPerHour > 0 && remaining > 0) {
      eta = Duration.ofSeconds(Math.round(remaining / pagesPerHour * 3600));
    }
    String uploadedFile = store.uploads().byJobKey(job.jobKey()).map(Upload::filename).orElse(null);
    return new JobReport(
        job,
        counts,
        pagesPerHour,
        tasksPerHour,
        eta,
        store.tasks().recentErrors(job.id(), 5),
        uploadedFile,
        job.status().finished() ? List.of() : store.tasks().holds(job.id(), 5));
  }
}
