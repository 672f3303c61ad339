package io.ocrbatch.activities.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A volume's result folder: {@code manifest.json}, then {@code success.json} written last as the
 * idempotency marker (a volume whose marker names the same version and job type is skipped).
 */
public final class VolumeOutputs {
  public static final String MANIFEST = "manifest.json";
  public static final String SUCCESS = "success.json";

  private final Path dir;

  public VolumeOutputs(Path dir) {
    this.dir = dir;
  }

  public boolean isComplete(String version, String jobType) {
    Path marker = dir.resolve(SUCCESS);
    if (!Files.isRegularFile(marker)) return false;
    try {
      JsonNode node = Json.MAPPER.readTree(marker.toFile());
      return version.equals(node.path("version").asText()) && jobType.equals(node.path("job_type").asText());
    } catch (IOException e) {
      return false; // unreadable marker: redo the volume (finished pages are still skipped)
    }
  }

  public void writeManifest(Map<String, Object> manifest) throws IOException {
    AtomicFiles.write(dir.resolve(MANIFEST), Json.bytes(manifest));
  }

  public void writeSuccess(Map<String, Object> marker) throws IOException {
    AtomicFiles.write(dir.resolve(SUCCESS), Json.bytes(marker));
  }
}
