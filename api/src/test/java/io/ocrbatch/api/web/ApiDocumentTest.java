package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document as a client generator reads it: named, versioned, and naming fields as the
 * wire does.
 */
class ApiDocumentTest {
  @TempDir Path data;

  @Test
  void theDocumentHasATitleVersionDescriptionsAndSnakeCaseBodies() {
    try (ApiHarness api = ApiHarness.start(data.resolve("server"))) {
      JsonNode docs = api.get("/v3/api-docs").json();
      JsonNode info = docs.path("info");
      assertThat(info.path("title").asText()).isEqualTo("ocrbatch API");
      assertThat(info.path("version").asText()).isNotBlank().isNotEqualTo("v0");
      assertThat(info.path("description").asText()).contains("snake_case", "/ocr/", "/api/jobs");

      JsonNode schemas = docs.path("components").path("schemas");
      assertThat(properties(schemas.path("JobSubmission")))
          .contains("job_type", "job_key", "callback_url")
          .doesNotContain("jobType", "jobKey");
      assertThat(properties(schemas.path("JobView")))
          .contains("job_key", "recent_errors", "pages_per_hour", "held")
          .doesNotContain("jobKey");
      assertThat(
              docs.path("paths")
                  .path("/api/jobs/{key}/restart")
                  .path("post")
                  .path("summary")
                  .asText())
          .contains("failed or canceled");
      assertThat(properties(schemas.path("NewJobType")))
          .contains("line_mode", "output_formats")
          .doesNotContain("lineMode");
      assertThat(properties(schemas.path("OcrSubmitted")))
          .contains("job_id", "total_pages", "submitted_at");
      assertThat(properties(schemas.path("OcrResult")))
          .contains("total_pages", "metadata", "annotated_images", "completed_at");
      assertThat(properties(schemas.path("OcrPage")))
          .contains("status", "data", "text", "error", "image");
      assertThat(properties(schemas.path("JobTypeView")))
          .as("the listed job type, unwrapped as on the wire")
          .contains("name", "line_mode", "language_name")
          .doesNotContain("type");

      List<String> undescribed = new ArrayList<>();
      docs.path("paths")
          .fields()
          .forEachRemaining(
              path ->
                  path.getValue()
                      .fields()
                      .forEachRemaining(
                          op -> {
                            if (op.getValue().path("summary").asText().isBlank())
                              undescribed.add(op.getKey().toUpperCase() + " " + path.getKey());
                          }));
      assertThat(undescribed).as("operations without a summary").isEmpty();
    }
  }

  private static List<String> properties(JsonNode schema) {
    List<String> names = new ArrayList<>();
    schema.path("properties").fieldNames().forEachRemaining(names::add);
    assertThat(names).as("schema " + schema).isNotEmpty();
    return names;
  }
}
