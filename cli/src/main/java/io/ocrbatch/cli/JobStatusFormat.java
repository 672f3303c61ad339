package io.ocrbatch.cli;

import io.ocrbatch.api.JobView;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * A job as the text block of {@code job status}, in the BDRC operators' guide's layout (the same
 * whether read directly or over the API). Times are in this machine's zone with its UTC offset;
 * statuses are lower case, as in the database.
 */
final class JobStatusFormat {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx").withZone(ZoneId.systemDefault());

  private JobStatusFormat() {}

  static String format(JobView job) {
    JobView.Tasks t = job.tasks();
    JobView.Pages p = job.pages();
    StringBuilder s = new StringBuilder();
    line(s, "Job: %s (id=%d)", job.jobKey(), job.id());
    line(
        s,
        "Status: %s%s",
        statusWords(job),
        job.cancelRequested() && !job.finished() ? " (cancel requested)" : "");
    line(s, "Type ID: %d (%s)", job.typeId(), job.jobType());
    line(s, "Created: %s", time(job.createdAt()));
    line(s, "Started: %s", time(job.startedAt()));
    line(s, "Finished: %s", time(job.finishedAt()));
    line(
        s,
        "Progress: %d/%d done, %d failed",
        t.done(),
        t.total(),
        t.retryableFailed() + t.terminalFailed());
    line(s, "Pending: %d, Running: %d", t.pending(), t.running());
    line(s, "Retryable: %d, Terminal: %d", t.retryableFailed(), t.terminalFailed());
    line(
        s,
        "Pages: %d/%d finished (%.1f%%): %d ok, %d failed, %d skipped (already done)",
        p.ok() + p.failed() + p.skipped(),
        p.total(),
        p.percent(),
        p.ok(),
        p.failed(),
        p.skipped());
    line(
        s,
        "Throughput: %.2f tasks/hour (%.0f pages/hour), ETA: %s",
        job.tasksPerHour(),
        job.pagesPerHour(),
        eta(job.etaSeconds()));
    if (job.held() != null && !job.held().isEmpty()) {
      s.append(
          "Held (output storage refuses writes; results wait in hand, retried with backoff):\n");
      job.held()
          .forEach(h -> line(s, "  %s (since %s): %s", h.volume(), time(h.since()), h.reason()));
    }
    if (!job.recentErrors().isEmpty()) {
      s.append("Recent Errors:\n");
      job.recentErrors()
          .forEach(
              e ->
                  line(
                      s,
                      "  %s (%s, attempt %d, %s): %s",
                      e.volume(),
                      e.status(),
                      e.attempts(),
                      time(e.at()),
                      e.error()));
    }
    return s.toString();
  }

  /**
   * The job's outcome once it has ended ({@code completed with failures}…), else its status; a
   * server from before outcomes sends none.
   */
  static String statusWords(JobView job) {
    return job.outcome() == null ? job.status() : job.outcome().replace('_', ' ');
  }

  /** Hours, with two decimals under a tenth of an hour (so a few minutes is not "0.0 hours"). */
  private static String eta(Long seconds) {
    if (seconds == null) return "-";
    double hours = seconds / 3600.0;
    return String.format(hours < 0.1 ? "%.2f hours" : "%.1f hours", hours);
  }

  private static void line(StringBuilder s, String format, Object... args) {
    s.append(String.format(format, args)).append('\n');
  }

  static String time(Instant t) {
    return t == null ? "-" : TIME.format(t);
  }
}
