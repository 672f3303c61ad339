package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline registry over real HTTP: the ocr step recorded by the worker's status activity, a
 * step recorded with PUT, the document, latest, a volume's jobs, and the errors.
 */
class PipelineApiTest {
  @TempDir static Path data;
  static ApiHarness api;

  @BeforeAll
  static void start() {
    api = ApiHarness.start(data.resolve("server"));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static ApiHarness.Reply put(String path, String json) {
    return api.send(
        new Request.Builder()
            .url(api.url(path))
            .put(RequestBody.create(json, MediaType.get("application/json"))));
  }

  @Test
  void theOcrStepAndARecordedStepAreServedWithTheirVolumes() throws Exception {
    String key = api.submitJobWithMissingVolume("pipe-api-1");
    JsonNode ocr =
        api.awaitField(
            "/api/pipeline/jobs/" + key + "/steps/ocr", "status", Duration.ofSeconds(60), "failed");
    assertThat(ocr.path("citekeys").path("failed_list").get(0).asText()).isEqualTo(key);
    assertThat(ocr.path("config").path("job_type").asText()).isEqualTo("tesseract-eng");

    ApiHarness.Reply recorded =
        put(
            "/api/pipeline/jobs/" + key + "/steps/toc",
            "{\"status\":\"completed\",\"citekeys\":[\"" + key + "\"],\"tocs\":3}");
    assertThat(recorded.status()).as(recorded.body()).isEqualTo(200);
    assertThat(recorded.json().path("metadata").path("tocs").asInt()).isEqualTo(3);

    JsonNode document = api.get("/api/pipeline/jobs/" + key).json();
    assertThat(document.path("job_id").asText()).isEqualTo(key);
    assertThat(document.path("pipeline_steps").has("ocr")).isTrue();
    assertThat(document.path("execution_trace").findValuesAsText("step"))
        .containsExactly("ocr", "ocr", "toc");
    assertThat(api.get("/api/pipeline/latest").json().path("job_id").asText()).isEqualTo(key);
    assertThat(api.get("/api/pipeline/volumes/" + key).json().findValuesAsText("step"))
        .containsExactly("ocr", "toc");
    assertThat(api.get("/api/pipeline/jobs?step=toc").json().findValuesAsText("job_id"))
        .containsExactly(key);
    assertThat(api.get("/api/pipeline/jobs?step=sync_ocr").json()).isEmpty();
  }

  @Test
  void badRequestsAreClearErrors() {
    ApiHarness.Reply unknown = api.get("/api/pipeline/jobs/no-such-job");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().path("detail").asText())
        .isEqualTo("no pipeline job 'no-such-job' in the registry");

    ApiHarness.Reply noStatus = put("/api/pipeline/jobs/pipe-api-2/steps/toc", "{\"tocs\": 1}");
    assertThat(noStatus.status()).isEqualTo(400);
    assertThat(noStatus.json().path("detail").asText()).contains("request body has no \"status\"");

    ApiHarness.Reply malformed = put("/api/pipeline/jobs/pipe-api-2/steps/toc", "{\"status\": ");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().path("detail").asText())
        .startsWith("request body is not valid JSON");
    assertThat(api.get("/api/pipeline/jobs/pipe-api-2").status())
        .as("nothing recorded")
        .isEqualTo(404);

    ApiHarness.Reply noStep = api.get("/api/pipeline/jobs/no-such-job/steps/ocr");
    assertThat(noStep.status()).isEqualTo(404);
    ApiHarness.Reply badSource =
        put("/api/pipeline/jobs/pipe-api-2/source", "{\"source_job\": \"auto\"}");
    assertThat(badSource.status()).isEqualTo(400);
    assertThat(badSource.json().path("detail").asText())
        .contains("no pipeline job has a completed source step");
  }
}
