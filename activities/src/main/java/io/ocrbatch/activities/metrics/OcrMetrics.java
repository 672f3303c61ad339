package io.ocrbatch.activities.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * ocrbatch's own meters, in Prometheus terms: {@code
 * ocrbatch_pages_total{job_type,engine,outcome}}, {@code ocrbatch_page_ocr_duration_seconds},
 * {@code ocrbatch_image_download_duration_seconds}, {@code ocrbatch_pages_in_flight}, {@code
 * ocrbatch_volumes_total{outcome}}. The process (worker, {@code dev}) gives the registry it
 * exports; {@link #none()} records nowhere.
 */
public final class OcrMetrics {
  public static final String OK = "ok";
  public static final String FAILED = "failed";

  private final MeterRegistry registry;
  private final AtomicInteger inFlight;

  public OcrMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.inFlight = new AtomicInteger();
    Gauge.builder("ocrbatch.pages.in.flight", inFlight, AtomicInteger::get)
        .description("Pages being OCRed now")
        .register(registry);
  }

  /** Meters that record nowhere (tests, commands that export nothing). */
  public static OcrMetrics none() {
    return new OcrMetrics(new CompositeMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Counts a page from the moment its OCR starts until {@link PageInFlight#close()}. */
  public PageInFlight pageStarted(String jobType, String engine) {
    inFlight.incrementAndGet();
    return new PageInFlight(this, jobType, engine, System.nanoTime());
  }

  void abandoned() {
    inFlight.decrementAndGet();
  }

  void pageEnded(String jobType, String engine, String outcome, long startedNanos) {
    inFlight.decrementAndGet();
    Counter.builder("ocrbatch.pages")
        .description("Pages OCRed (outcome ok) or failed (undecodable image and the like)")
        .tags("job_type", jobType, "engine", engine, "outcome", outcome)
        .register(registry)
        .increment();
    Timer.builder("ocrbatch.page.ocr.duration")
        .description("Time to OCR one page: fetch, decode, recognise, write its outputs")
        .tags("job_type", jobType, "engine", engine, "outcome", outcome)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(10))
        .maximumExpectedValue(Duration.ofMinutes(5))
        .register(registry)
        .record(Duration.ofNanos(System.nanoTime() - startedNanos));
  }

  /** One image file fetched: from a remote store (S3) or read in place (local). */
  public void imageFetched(boolean remote, Duration took) {
    Timer.builder("ocrbatch.image.download.duration")
        .description("Time to fetch one page image file (remote: download from S3)")
        .tag("source", remote ? "remote" : "local")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(2))
        .register(registry)
        .record(took);
  }

  /** A volume's task ended: {@code done}, {@code retryable_failed} or {@code terminal_failed}. */
  public void volumeFinished(String outcome) {
    Counter.builder("ocrbatch.volumes")
        .description("Volumes finished, by outcome")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }
}
