package io.ocrbatch.activities;

import io.ocrbatch.workflows.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resolves a volume's source URI to where its images are; local folders for now. */
final class VolumeSources {
  private VolumeSources() {}

  static Path localFolder(String sourceUri) {
    Path folder;
    try {
      URI uri = URI.create(sourceUri);
      folder = uri.getScheme() == null ? Path.of(sourceUri) : Path.of(uri);
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      throw notProcessable("unsupported volume source '" + sourceUri + "': " + e.getMessage());
    }
    if (!Files.isDirectory(folder)) {
      throw notProcessable("volume folder not found: " + folder);
    }
    return folder;
  }

  static ApplicationFailure notProcessable(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, FailureTypes.VOLUME_NOT_PROCESSABLE);
  }
}
