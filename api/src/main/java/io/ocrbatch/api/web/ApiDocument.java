package io.ocrbatch.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocrbatch.activities.Versions;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs}: titled, versioned, and in the wire's snake_case.
 */
@Configuration
class ApiDocument {
  static final String TITLE = "ocrbatch API";

  /**
   * Schemas read through the API's own JSON mapper, so properties are named as on the wire ({@code
   * job_type}).
   */
  @Bean
  ModelResolver wireNamedSchemas(ObjectMapper apiMapper) {
    return new ModelResolver(apiMapper);
  }

  @Bean
  OpenAPI openApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title(TITLE)
                .version(Versions.ocrbatch())
                .description(
                    """
                Durable OCR batch processing. `/ocr/*` is the upload contract: upload a PDF or \
                scans, follow the job over Server-Sent Events, fetch the text per page. `/api/jobs` \
                runs jobs over folders, S3 prefixes and BDRC volumes, lists them and pauses, resumes \
                or cancels them; `/api/job-types` names OCR configurations; `/api/queue` reports the \
                queue. JSON bodies are snake_case; errors are `{"detail": "…"}` (under `/ocr/` also \
                `"success": false`); whole numbers are plain decimals. When the server \
                has tokens (`OCRBATCH_API_TOKENS`), send `Authorization: Bearer TOKEN` (or \
                `?access_token=` for EventSource and images)."""));
  }
}
