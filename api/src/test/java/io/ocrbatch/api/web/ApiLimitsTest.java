package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.samples.SamplePdf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication, an unreachable Temporal, stream time-outs and result expiry: each its own server.
 */
class ApiLimitsTest {
  @TempDir Path data;

  private byte[] pdf(int pages) throws Exception {
    Path file = data.resolve("p" + pages + ".pdf");
    SamplePdf.writeEnglish(file, pages);
    return Files.readAllBytes(file);
  }

  @Test
  void withTokensConfiguredApiAndOcrNeedOneButThePageAndHealthDoNot() throws Exception {
    try (ApiHarness api =
        ApiHarness.start(data.resolve("server"), s -> s.withTokens(List.of("s3cret", "other")))) {
      ApiHarness.Reply none = api.get("/api/jobs");
      assertThat(none.status()).isEqualTo(401);
      assertThat(none.json().path("detail").asText()).contains("needs a bearer token");
      assertThat(api.upload("/ocr/submit", "file", "a.pdf", pdf(1)).status()).isEqualTo(401);
      api.token = "wrong";
      assertThat(api.get("/api/jobs").json().path("detail").asText()).contains("not valid");
      api.token = "other";
      assertThat(api.get("/api/jobs").status()).isEqualTo(200);
      api.token = null;
      assertThat(api.get("/ocr/status/x?access_token=s3cret").status())
          .as("query token, for EventSource")
          .isEqualTo(404);
      assertThat(api.get("/").status()).isEqualTo(200);
      assertThat(api.get("/actuator/health").status()).isIn(200, 503);
    }
  }

  @Test
  void anUnreachableTemporalIs503AndTheUploadIsNotKept() throws Exception {
    try (ApiHarness api = ApiHarness.withUnreachableTemporal(data.resolve("server"))) {
      ApiHarness.Reply reply = api.upload("/ocr/submit", "file", "a.pdf", pdf(1));
      assertThat(reply.status()).isEqualTo(503);
      assertThat(reply.json().path("detail").asText()).contains("unreachable");
      assertThat(api.get("/api/jobs?status=created,running").json()).isEmpty();
      try (var left = Files.list(data.resolve("server/uploads"))) {
        assertThat(left.toList()).isEmpty();
      }
      assertThat(
              api.get("/actuator/health")
                  .json()
                  .path("components")
                  .path("temporal")
                  .path("status")
                  .asText())
          .isEqualTo("DOWN");
    }
  }

  @Test
  void aStreamTimesOutWhileTheJobRunsOnAndResultsExpireAfterRetention() throws Exception {
    try (ApiHarness api =
        ApiHarness.start(
            data.resolve("server"),
            s ->
                s.withStreamTimeout(Duration.ofMillis(300))
                    .withRetention(Duration.ofSeconds(1))
                    .withCleanupInterval(Duration.ofMillis(500)))) {
      String id =
          api.upload("/ocr/submit?dpi=300", "file", "long.pdf", pdf(4))
              .json()
              .path("job_id")
              .asText();

      List<SseRecorder.Event> events =
          SseRecorder.read(api.url("/ocr/stream/" + id), null, "close", Duration.ofSeconds(30));
      assertThat(events)
          .extracting(SseRecorder.Event::name)
          .containsSubsequence("status", "timeout", "close");
      assertThat(events.get(events.size() - 2).data()).contains("the job keeps running");

      api.awaitField("/ocr/status/" + id, "status", Duration.ofSeconds(120), "completed");
      api.awaitField("/ocr/status/" + id, "status", Duration.ofSeconds(30), "expired");
      ApiHarness.Reply result = api.get("/ocr/result/" + id);
      assertThat(result.status()).isEqualTo(404);
      assertThat(result.json().path("status").asText()).isEqualTo("expired");
      assertThat(
              result.json().path("success").isBoolean()
                  && !result.json().path("success").asBoolean())
          .as(result.body())
          .isTrue();
      assertThat(Files.exists(data.resolve("server/uploads").resolve(id))).isFalse();
    }
  }
}
