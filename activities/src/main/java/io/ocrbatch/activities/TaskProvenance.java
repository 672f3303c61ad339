package io.ocrbatch.activities;

import io.ocrbatch.activities.image.ImageResolution;
import io.ocrbatch.activities.page.Provenance;
import io.ocrbatch.workflows.JobTypeSpec;
import io.ocrbatch.workflows.VolumeTask;

/**
 * Builds a task's {@link Provenance} once, from its job type and what the engine says of itself.
 */
final class TaskProvenance {
  private TaskProvenance() {}

  /**
   * @param engineVersion the engine's name and version ({@code OcrEngines.version} on an OCR
   *     worker, {@code OcrEngines.describe} where no engine is loaded)
   * @param modelDigest the model's digest, or null where it cannot be read here
   */
  static Provenance of(VolumeTask task, String engineVersion, String modelDigest) {
    JobTypeSpec type = task.jobType();
    return new Provenance(
        null,
        null,
        type.name(),
        type.engine(),
        engineVersion,
        type.model(),
        modelDigest,
        type.language(),
        type.encoding(),
        task.dpi() == ImageResolution.FROM_IMAGE ? null : task.dpi(), // each page JSON says its own
        Versions.ocrbatch());
  }
}
