package io.ocrbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Prometheus reads after a small job OCRed by {@code dev} and a second {@code worker}: the
 * page and volume counters add up to the job across both processes, and the Temporal SDK's metrics,
 * the database pool, HTTP and JVM meters are there.
 */
class MetricsEndToEndTest {
  private static final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dir;

  @Test
  void devAndWorkerExportPageCountersAndTemporalMetrics() throws Exception {
    Path data = dir.resolve("data");
    String port = String.valueOf(ServiceModeTest.freePort());
    String temporal = "127.0.0.1:" + port;
    CliTestSupport.englishVolume(dir.resolve("scans/vol-1"), 3, 10);
    CliTestSupport.englishVolume(dir.resolve("scans/vol-2"), 3, 50);
    Files.writeString(dir.resolve("scans/vol-1/page-004.png"), "not an image");

    try (CliProcess dev =
        CliProcess.start(
            dir,
            "dev",
            "--temporal-port",
            port,
            "--port",
            "0",
            "--data",
            data.toString(),
            "--threads",
            "1")) {
      dev.awaitOutput("ocrbatch dev is up", Duration.ofSeconds(90));
      String api = firstMatch(dev, "web page and API (http://127\\.0\\.0\\.1:\\d+)");
      try (CliProcess worker =
          CliProcess.start(
              dir,
              "worker",
              "--temporal",
              temporal,
              "--data",
              data.toString(),
              "--threads",
              "1",
              "--name",
              "metered-worker",
              "--metrics-port",
              "0",
              "--metrics-bind",
              "127.0.0.1")) {
        worker.awaitOutput("Worker metered-worker polling", Duration.ofSeconds(60));
        String workerMetrics =
            firstMatch(worker, "Metrics on (http://127\\.0\\.0\\.1:\\d+)/metrics");

        CliTestSupport.Result created =
            CliTestSupport.run(
                "job",
                "create",
                "--type-id",
                "tesseract-eng",
                "--folder",
                dir.resolve("scans").toString(),
                "--out",
                dir.resolve("out").toString(),
                "--server",
                api);
        assertThat(created.exitCode()).as(created.stdout()).isZero();

        String devUrl = api + "/actuator/prometheus";
        String workerUrl = workerMetrics + "/metrics";
        ServiceModeTest.waitFor(
            () ->
                sum(scrape(devUrl), scrape(workerUrl), "ocrbatch_volumes_total", "outcome=\"done\"")
                    >= 2);
        String fromDev = scrape(devUrl);
        String fromWorker = scrape(workerUrl);
        Files.writeString(Path.of("target", "metrics-sample-dev.txt"), fromDev);
        Files.writeString(Path.of("target", "metrics-sample-worker.txt"), fromWorker);

        String ok = "job_type=\"tesseract-eng\"" + ".*outcome=\"ok\"";
        String failed = "job_type=\"tesseract-eng\"" + ".*outcome=\"failed\"";
        assertThat(sum(fromDev, fromWorker, "ocrbatch_pages_total", ok)).isEqualTo(6);
        assertThat(sum(fromDev, fromWorker, "ocrbatch_pages_total", failed)).isEqualTo(1);
        assertThat(fromDev + fromWorker).contains("engine=\"tesseract\"");
        assertThat(sum(fromDev, fromWorker, "ocrbatch_page_ocr_duration_seconds_count", ok))
            .isEqualTo(6);
        assertThat(sum(fromDev, fromWorker, "ocrbatch_volumes_total", "outcome=\"done\""))
            .isEqualTo(2);
        assertThat(sum(fromDev, fromWorker, "ocrbatch_image_download_duration_seconds_count", ""))
            .isEqualTo(7);
        assertThat(sum(fromDev, fromWorker, "ocrbatch_pages_in_flight", "")).isZero();

        for (String scrape : new String[] {fromDev, fromWorker}) {
          assertThat(scrape)
              .as("Temporal SDK metrics")
              .contains("temporal_workflow_task_queue_poll_succeed_total")
              .contains("temporal_num_pollers{")
              .contains("temporal_worker_task_slots_available{")
              .contains("temporal_sticky_cache_size")
              .contains("temporal_request_latency_seconds")
              .as("the status database pool")
              .contains("hikaricp_connections_active{pool=\"ocrbatch-status\"}")
              .as("the JVM")
              .contains("jvm_memory_used_bytes");
        }
        assertThat(fromDev + fromWorker)
            .as("an activity was scheduled and ran")
            .contains("temporal_activity_schedule_to_start_latency_seconds")
            .contains("temporal_activity_execution_latency_seconds");
        assertThat(fromDev)
            .as("HTTP request latency")
            .contains("http_server_requests_seconds_count{");
      }
    }
  }

  private static String firstMatch(CliProcess process, String regex) throws Exception {
    Pattern pattern = Pattern.compile(regex);
    for (String line : process.output) {
      Matcher m = pattern.matcher(line);
      if (m.find()) return m.group(1);
    }
    throw new AssertionError("no " + regex + " in:\n" + String.join("\n", process.output));
  }

  static String scrape(String url) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(url).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .as(url)
          .startsWith("text/plain");
      return response.body();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The sum over both scrapes of the samples of {@code metric} whose labels match {@code labels}.
   */
  static double sum(String one, String other, String metric, String labels) {
    Pattern sample =
        Pattern.compile("(?m)^" + Pattern.quote(metric) + "(\\{[^}]*\\})? ([0-9.eE+-]+|NaN)$");
    double total = 0;
    for (String scrape : new String[] {one, other}) {
      Matcher m = sample.matcher(scrape);
      while (m.find()) {
        String found = m.group(1) == null ? "" : m.group(1);
        if (labels.isEmpty() || Pattern.compile(labels).matcher(found).find())
          total += Double.parseDouble(m.group(2));
      }
    }
    return total;
  }
}
