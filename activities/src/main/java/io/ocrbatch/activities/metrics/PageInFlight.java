package io.ocrbatch.activities.metrics;

/**
 * One page being OCRed: counted in flight until closed, then counted and timed with its outcome
 * ({@link OcrMetrics#FAILED} unless {@link #succeeded()} was called; a page whose attempt threw is
 * not counted as a page: its retry is).
 */
public final class PageInFlight implements AutoCloseable {
  private final OcrMetrics metrics;
  private final String jobType;
  private final String engine;
  private final long startedNanos;
  private String outcome;

  PageInFlight(OcrMetrics metrics, String jobType, String engine, long startedNanos) {
    this.metrics = metrics;
    this.jobType = jobType;
    this.engine = engine;
    this.startedNanos = startedNanos;
  }

  public void succeeded() {
    outcome = OcrMetrics.OK;
  }

  public void failed() {
    outcome = OcrMetrics.FAILED;
  }

  @Override
  public void close() {
    if (outcome == null) {
      metrics.abandoned();
    } else {
      metrics.pageEnded(jobType, engine, outcome, startedNanos);
    }
  }
}
