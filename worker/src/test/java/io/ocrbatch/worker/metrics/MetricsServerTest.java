package io.ocrbatch.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ocrbatch.activities.metrics.OcrMetrics;
import io.ocrbatch.activities.metrics.PageInFlight;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A worker's metrics port: what Prometheus reads there, and what it refuses. */
class MetricsServerTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesPageCountersAndTheJvmInPrometheusTextFormat() throws Exception {
    PrometheusMeterRegistry registry = ProcessMetrics.prometheus();
    OcrMetrics meters = new OcrMetrics(registry);
    try (PageInFlight page = meters.pageStarted("tesseract-eng", "tesseract")) {
      page.succeeded();
    }
    try (PageInFlight page = meters.pageStarted("tesseract-eng", "tesseract")) {
      page.failed();
    }
    try (PageInFlight abandoned = meters.pageStarted("tesseract-eng", "tesseract")) {
      // its attempt threw: neither ok nor failed
    }
    meters.volumeFinished("done");
    try (MetricsServer server = MetricsServer.start("127.0.0.1", 0, registry)) {
      String base = "http://127.0.0.1:" + server.port();
      HttpResponse<String> scrape = get(base + "/metrics", "GET");
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("text/plain; version=0.0.4");
      assertThat(scrape.body())
          .contains(
              "ocrbatch_pages_total{engine=\"tesseract\",job_type=\"tesseract-eng\",outcome=\"ok\"} 1.0")
          .contains(
              "ocrbatch_pages_total{engine=\"tesseract\",job_type=\"tesseract-eng\",outcome=\"failed\"} 1.0")
          .contains("ocrbatch_pages_in_flight 0.0")
          .contains("ocrbatch_volumes_total{outcome=\"done\"} 1.0")
          .contains(
              "ocrbatch_page_ocr_duration_seconds_count{engine=\"tesseract\",job_type=\"tesseract-eng\",outcome=\"ok\"} 1")
          .contains("jvm_memory_used_bytes");
      assertThat(get(base + "/actuator/prometheus", "GET").body()).contains("ocrbatch_pages_total");
      assertThat(get(base + "/metrics/extra", "GET").statusCode()).isEqualTo(404);
      assertThat(get(base + "/metrics", "DELETE").statusCode()).isEqualTo(405);
    }
  }

  private HttpResponse<String> get(String url, String method) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
