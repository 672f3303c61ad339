package io.ocrbatch.api;

import io.ocrbatch.activities.statusdb.JobProgressStore.Counts;
import io.ocrbatch.activities.statusdb.JobRecord;
import io.ocrbatch.workflows.Outcome;
import java.time.Instant;
import java.util.List;

/**
 * A job as the REST API and {@code job status --json} show it (snake_case on the wire): the same
 * facts as {@code job status}, in a shape that does not move when internals do.
 *
 * @param outcome once the job has ended: {@code completed}, {@code completed_with_failures}, {@code
 *     failed} or {@code canceled} (see {@link Outcome}); null before
 * @param filename for a job made by an upload, the file's name as the user gave it; else null
 * @param held running volumes whose results wait for their output storage (a full disk, an
 *     unwritable folder or S3 prefix): which folder and why, since when; they go on by themselves
 *     when it takes writes again
 */
public record JobView(
    long id,
    String jobKey,
    String jobType,
    long typeId,
    String status,
    String outcome,
    int priority,
    int concurrency,
    int dpi,
    String outputRoot,
    String callbackUrl,
    boolean cancelRequested,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Instant lastProgressAt,
    Tasks tasks,
    Pages pages,
    double pagesPerHour,
    double tasksPerHour,
    Long etaSeconds,
    List<Error> recentErrors,
    String filename,
    List<Held> held) {

  public record Tasks(
      int total, int pending, int running, int done, int retryableFailed, int terminalFailed) {}

  /**
   * Page counts: OCRed ok, failed, and skipped (found done: an earlier job did them); {@code total}
   * estimates pages of volumes not listed yet; {@code percent} is of pages finished either way.
   */
  public record Pages(long total, long ok, long failed, long skipped, double percent) {}

  public record Error(String volume, String status, int attempts, String error, Instant at) {}

  public record Held(String volume, String reason, Instant since) {}

  public static JobView of(JobReport report) {
    JobRecord job = report.job();
    Counts c = report.counts();
    Outcome outcome = Outcome.ofEnded(job.status(), c.pagesFailed());
    long total = report.pagesTotal();
    double percent =
        total == 0
            ? (job.status().finished() ? 100 : 0)
            : Math.min(100, 100.0 * c.pagesFinished() / total);
    return new JobView(
        job.id(),
        job.jobKey(),
        job.typeName(),
        job.typeId(),
        job.status().dbName(),
        outcome == null ? null : outcome.wireName(),
        job.priority(),
        job.concurrency(),
        job.dpi(),
        job.outputRoot(),
        job.callbackUrl(),
        job.cancelRequested(),
        job.createdAt(),
        job.startedAt(),
        job.finishedAt(),
        job.lastProgressAt(),
        new Tasks(c.tasks(), c.pending(), c.running(), c.done(), c.retryable(), c.terminal()),
        new Pages(
            total, c.pagesOk(), c.pagesFailed(), c.pagesSkipped(), Math.round(percent * 10) / 10.0),
        Math.round(report.pagesPerHour() * 10) / 10.0,
        Math.round(report.tasksPerHour() * 100) / 100.0,
        report.eta() == null ? null : report.eta().toSeconds(),
        report.recentErrors().stream()
            .map(e -> new Error(e.volume(), e.status(), e.attempts(), e.error(), e.at()))
            .toList(),
        report.uploadedFile(),
        report.holds().stream().map(h -> new Held(h.volume(), h.reason(), h.since())).toList());
  }

  public boolean finished() {
    return io.ocrbatch.workflows.JobStatus.valueOf(status.toUpperCase(java.util.Locale.ROOT))
        .finished();
  }
}
