package io.ocrbatch.activities.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** An image file on local disk; a downloaded copy is deleted when closed. */
public record PageFile(Path path, String etag, boolean downloaded) implements AutoCloseable {

  public static PageFile local(Path path) {
    return new PageFile(path, null, false);
  }

  @Override
  public void close() {
    if (!downloaded) return;
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // a temp file left behind is removed with the temp folder
    }
  }
}
