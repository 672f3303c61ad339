package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads whose pages all failed, or some of them, as a client sees them: the upload contract, its
 * event stream, the jobs API and its status filter.
 */
class FailedWorkLooksFailedTest {
  @TempDir static java.nio.file.Path data;
  static ApiHarness api;

  @BeforeAll
  static void start() {
    api = ApiHarness.start(data.resolve("server"));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static String submit(String name, byte[] pdf) {
    JsonNode submitted = api.upload("/ocr/submit?dpi=200", "file", name, pdf).json();
    assertThat(submitted.path("success").asBoolean()).as(submitted.toString()).isTrue();
    return submitted.path("job_id").asText();
  }

  /** The upload's event stream up to close: its {@code last} event's data, and no {@code not}. */
  private static JsonNode streamedUntilClose(String id, String last, String not) throws Exception {
    List<SseRecorder.Event> events =
        SseRecorder.read(api.url("/ocr/stream/" + id), null, "close", Duration.ofSeconds(120));
    assertThat(events)
        .extracting(SseRecorder.Event::name)
        .containsSubsequence(last, "close")
        .doesNotContain(not);
    return ApiHarness.JSON.readTree(
        events.stream().filter(e -> e.name().equals(last)).findFirst().orElseThrow().data());
  }

  @Test
  void anUploadWhoseOnlyPageFailedIsFailedEverywhere() throws Exception {
    String id = submit("huge-page.pdf", OversizedPagePdf.write(data.resolve("huge.pdf"), 0));

    JsonNode error = streamedUntilClose(id, "error", "result");
    assertThat(error.path("error").asText()).contains("OCR failed", "pixels");

    JsonNode status = api.get("/ocr/status/" + id).json();
    assertThat(status.path("status").asText()).isEqualTo("failed");
    assertThat(status.path("outcome").asText()).isEqualTo("failed");
    assertThat(status.path("failed_pages").asInt()).isEqualTo(1);
    JsonNode result = api.get("/ocr/result/" + id).json();
    assertThat(result.path("success").asBoolean()).isFalse();
    assertThat(result.path("status").asText()).isEqualTo("failed");
    assertThat(result.path("results").path("page_0").path("status").asText()).isEqualTo("failed");
    assertThat(result.path("results").path("page_0").path("error").asText()).contains("pixels");

    JsonNode job = api.get("/api/jobs/" + id).json();
    assertThat(job.path("status").asText()).isEqualTo("failed");
    assertThat(job.path("outcome").asText()).isEqualTo("failed");
    assertThat(job.path("pages").path("failed").asInt()).isEqualTo(1);
    assertThat(job.path("recent_errors").get(0).path("error").asText()).contains("pixels");
    assertThat(api.get("/api/jobs?status=failed").json().findValuesAsText("job_key"))
        .as("the failed filter shows it")
        .contains(id);
  }

  @Test
  void anUploadWithSomePagesFailedCompletesWithFailuresSaidEverywhere() throws Exception {
    String id = submit("mixed.pdf", OversizedPagePdf.write(data.resolve("mixed.pdf"), 1));

    JsonNode resultEvent = streamedUntilClose(id, "result", "error");
    assertThat(resultEvent.path("outcome").asText()).isEqualTo("completed_with_failures");
    assertThat(resultEvent.path("failed_pages").asInt()).isEqualTo(1);
    assertThat(resultEvent.path("message").asText()).contains("with failures", "1 of 2");
    assertThat(resultEvent.path("results").path("page_0").path("status").asText())
        .isEqualTo("success");
    assertThat(resultEvent.path("results").path("page_1").path("error").asText())
        .contains("pixels");

    JsonNode status = api.get("/ocr/status/" + id).json();
    assertThat(status.path("status").asText()).isEqualTo("completed");
    assertThat(status.path("outcome").asText()).isEqualTo("completed_with_failures");
    assertThat(status.path("failed_pages").asInt()).isEqualTo(1);

    JsonNode job = api.get("/api/jobs/" + id).json();
    assertThat(job.path("status").asText()).isEqualTo("completed");
    assertThat(job.path("outcome").asText()).isEqualTo("completed_with_failures");
    assertThat(job.path("pages").path("ok").asInt()).isEqualTo(1);
    assertThat(job.path("pages").path("failed").asInt()).isEqualTo(1);
    assertThat(job.path("pages").path("skipped").asInt()).isZero();
    List<SseRecorder.Event> jobEvents =
        SseRecorder.read(
            api.url("/api/jobs/" + id + "/events"), null, "end", Duration.ofSeconds(30));
    JsonNode end = ApiHarness.JSON.readTree(jobEvents.get(jobEvents.size() - 1).data());
    assertThat(end.path("outcome").asText()).isEqualTo("completed_with_failures");
    assertThat(end.path("pages").path("failed").asInt()).isEqualTo(1);
  }
}
