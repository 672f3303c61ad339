package io.ocrbatch.cli;

import io.ocrbatch.api.JobView;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Renders a job as the text block of {@code job status} (the same whether read directly or over the API). */
final class JobStatusFormat {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private JobStatusFormat() {}

  static String format(JobView job) {
    JobView.Tasks t = job.tasks();
    JobView.Pages p = job.pages();
    StringBuilder s = new StringBuilder();
    s.append(String.format("%s (id %d)  %s  type %s%n", job.jobKey(), job.id(), job.status().toUpperCase(), job.jobType()));
    s.append(String.format("  created %s  started %s  finished %s%n", time(job.createdAt()), time(job.startedAt()), time(job.finishedAt())));
    int percent = t.total() == 0 ? 0 : (int) (100L * t.done() / t.total());
    s.append(String.format(
        "  progress %d/%d tasks done (%d%%), failed %d; pages %d/%d, %d failed%n",
        t.done(), t.total(), percent, t.terminalFailed(), p.ok() + p.failed(), p.total(), p.failed()));
    s.append(String.format(
        "  tasks: pending %d, running %d, done %d, retryable %d, terminal %d%n",
        t.pending(), t.running(), t.done(), t.retryableFailed(), t.terminalFailed()));
    s.append(String.format(
        "  throughput %.0f pages/h, %.1f tasks/h, ETA %s%n",
        job.pagesPerHour(), job.tasksPerHour(), job.etaSeconds() == null ? "-" : ProgressBar.clock(Duration.ofSeconds(job.etaSeconds()))));
    if (!job.recentErrors().isEmpty()) {
      s.append("  recent errors:\n");
      job.recentErrors().forEach(e -> s.append(String.format(
          "    %s [%s, attempt %d] %s%n", e.volume(), e.status(), e.attempts(), e.error())));
    }
    return s.toString();
  }

  private static String time(Instant t) {
    return t == null ? "-" : TIME.format(t);
  }
}
