package io.ocrbatch.activities.page;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocrbatch.activities.files.Json;

/**
 * What produced a result, built once per task and written with the same keys in page JSON, {@code
 * manifest.json} and {@code config.json}: {@code engine} is the engine's id ({@code tesseract}),
 * {@code engine_version} its name and version; {@code image} and {@code image_etag} identify the
 * source image (page JSON only); {@code model_digest} where the worker can hash the model.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Provenance(
    String image,
    String imageEtag,
    String jobType,
    String engine,
    String engineVersion,
    String model,
    String modelDigest,
    String language,
    String encoding,
    Integer dpi,
    String ocrbatchVersion) {

  /** The same provenance for one source image. */
  public Provenance forImage(String image, String imageEtag) {
    return new Provenance(
        image,
        imageEtag,
        jobType,
        engine,
        engineVersion,
        model,
        modelDigest,
        language,
        encoding,
        dpi,
        ocrbatchVersion);
  }

  /** The same provenance with the dpi a page was read at (the image's own, or the job's). */
  public Provenance withDpi(Integer pageDpi) {
    return new Provenance(
        image,
        imageEtag,
        jobType,
        engine,
        engineVersion,
        model,
        modelDigest,
        language,
        encoding,
        pageDpi,
        ocrbatchVersion);
  }

  /** Its keys, in its order, for a JSON document that carries it. */
  public ObjectNode toJson() {
    return Json.MAPPER.valueToTree(this);
  }
}
