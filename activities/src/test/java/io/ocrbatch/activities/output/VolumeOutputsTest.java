package io.ocrbatch.activities.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.storage.Storage;
import io.ocrbatch.activities.storage.StorageSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A finished volume counts as complete only for the formats its success.json lists. */
class VolumeOutputsTest {
  @TempDir Path dir;

  @Test
  void aVolumeLackingARequestedFormatIsNotComplete() throws Exception {
    VolumeOutputs outputs =
        new VolumeOutputs(new Storage(StorageSettings.fromEnvironment()).results(dir.toString()));
    Map<String, Object> success = new LinkedHashMap<>();
    success.put("version", "abc123");
    success.put("job_type", "t");
    success.put("output_formats", List.of("txt", "json", "page"));
    outputs.writeAll(Map.of(), Map.of(), success);

    assertThat(outputs.isComplete("abc123", "t", List.of("txt", "page"), null)).isTrue();
    assertThat(outputs.isComplete("abc123", "t", List.of("txt", "pdf"), null)).isFalse();
    assertThat(outputs.isComplete("other1", "t", List.of("txt"), null)).isFalse();

    // A marker written before formats were recorded stands for the default txt and json.
    Files.writeString(dir.resolve("success.json"), "{\"version\":\"abc123\",\"job_type\":\"t\"}");
    assertThat(outputs.isComplete("abc123", "t", List.of("txt", "json"), null)).isTrue();
    assertThat(outputs.isComplete("abc123", "t", List.of("txt", "alto"), null)).isFalse();
  }
}
