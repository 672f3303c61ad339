package io.ocrbatch.cli;

import io.ocrbatch.activities.store.JobProgressStore.Counts;
import io.ocrbatch.activities.store.JobRecord;
import io.ocrbatch.api.JobReport;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Renders a job report as the text block of {@code job status}. */
final class JobStatusFormat {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private JobStatusFormat() {}

  static String format(JobReport report) {
    JobRecord job = report.job();
    Counts c = report.counts();
    StringBuilder s = new StringBuilder();
    s.append(String.format("%s (id %d)  %s  type %s%n", job.jobKey(), job.id(), job.status().dbName().toUpperCase(), job.typeName()));
    s.append(String.format("  created %s  started %s  finished %s%n", time(job.createdAt()), time(job.startedAt()), time(job.finishedAt())));
    int percent = c.tasks() == 0 ? 0 : (int) (100L * c.done() / c.tasks());
    s.append(String.format(
        "  progress %d/%d tasks done (%d%%), failed %d; pages %d/%d, %d failed%n",
        c.done(), c.tasks(), percent, c.terminal(), c.pagesFinished(), report.pagesTotal(), c.pagesFailed()));
    s.append(String.format(
        "  tasks: pending %d, running %d, done %d, retryable %d, terminal %d%n",
        c.pending(), c.running(), c.done(), c.retryable(), c.terminal()));
    s.append(String.format(
        "  throughput %.0f pages/h, %.1f tasks/h, ETA %s%n",
        report.pagesPerHour(), report.tasksPerHour(), report.eta() == null ? "-" : ProgressBar.clock(report.eta())));
    if (!report.recentErrors().isEmpty()) {
      s.append("  recent errors:\n");
      report.recentErrors().forEach(e -> s.append(String.format(
          "    %s [%s, attempt %d] %s%n", e.volume(), e.status(), e.attempts(), e.error())));
    }
    return s.toString();
  }

  private static String time(Instant t) {
    return t == null ? "-" : TIME.format(t);
  }
}
