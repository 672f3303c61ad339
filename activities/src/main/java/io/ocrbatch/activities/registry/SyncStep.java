package io.ocrbatch.activities.registry;

import io.ocrbatch.activities.sync.ResultSync;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code sync_ocr} step: a job's results copied to another place. Recorded in the job's
 * registry; the document is also written under the destination, so the copy says what it is.
 */
public final class SyncStep {
  private SyncStep() {}

  public static RegistryDocument record(
      PipelineRegistry registry,
      String jobKey,
      String resultsRoot,
      List<String> volumes,
      String destination,
      boolean withImages,
      ResultSync.Progress result,
      String errorOrNull) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("destination", destination);
    config.put("with_images", withImages);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("destination", destination);
    metadata.put("files_total", result.filesTotal());
    metadata.put("files_uploaded", result.copied());
    metadata.put("files_skipped", result.skipped());
    metadata.put("bytes_uploaded", result.bytesCopied());
    if (errorOrNull != null) metadata.put("error", errorOrNull);
    StepStatus status = errorOrNull == null ? StepStatus.COMPLETED : StepStatus.FAILED;
    Coverage coverage =
        errorOrNull == null ? Coverage.of(volumes, List.of()) : Coverage.of(List.of(), volumes);
    RegistryDocument document =
        registry.record(
            new StepRecord(
                jobKey,
                PipelineNames.SYNC_OCR,
                status,
                Instant.now(),
                null,
                coverage,
                config,
                metadata),
            resultsRoot);
    registry.publishTo(destination, document);
    return document;
  }
}
