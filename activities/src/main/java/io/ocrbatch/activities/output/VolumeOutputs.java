package io.ocrbatch.activities.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocrbatch.activities.files.Json;
import io.ocrbatch.activities.storage.ResultFolder;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A volume's result folder: {@code manifest.json} and {@code config.json}, then {@code
 * success.json} written last as the idempotency marker (a volume whose marker names the same
 * version and job type is skipped).
 */
public final class VolumeOutputs {
  public static final String MANIFEST = "manifest.json";
  public static final String CONFIG = "config.json";
  public static final String SUCCESS = "success.json";

  private final ResultFolder folder;

  public VolumeOutputs(ResultFolder folder) {
    this.folder = folder;
  }

  /**
   * Whether the marker names this version and job type and every one of {@code formats}; with
   * {@code redoBefore} (a forced re-run) a marker written before that instant does not count. A
   * marker from before formats were recorded counts as {@code txt} and {@code json}. A volume
   * lacking a format is walked again: its pages get that format from their JSON, without OCR.
   */
  public boolean isComplete(
      String version, String jobType, List<String> formats, Instant redoBefore) throws IOException {
    Map<String, Instant> files = folder.files();
    Instant written = files.get(SUCCESS);
    if (written == null || (redoBefore != null && written.isBefore(redoBefore))) return false;
    Optional<byte[]> marker = folder.read(SUCCESS);
    if (marker.isEmpty()) return false;
    try {
      JsonNode node = Json.MAPPER.readTree(marker.get());
      Set<String> formatsWritten = new HashSet<>(List.of("txt", "json"));
      if (node.path("output_formats").isArray()) {
        formatsWritten.clear();
        node.path("output_formats").forEach(f -> formatsWritten.add(f.asText()));
      }
      return version.equals(node.path("version").asText())
          && jobType.equals(node.path("job_type").asText())
          && formatsWritten.containsAll(formats);
    } catch (IOException e) {
      return false; // unreadable marker: redo the volume (finished pages are still skipped)
    }
  }

  /** The manifest and provenance, then the success marker. */
  public void writeAll(
      Map<String, Object> manifest, Map<String, Object> config, Map<String, Object> success)
      throws IOException {
    folder.write(MANIFEST, Json.bytes(manifest), "application/json");
    folder.write(CONFIG, Json.bytes(config), "application/json");
    folder.write(SUCCESS, Json.bytes(success), "application/json");
  }
}
