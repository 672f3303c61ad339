package io.ocrbatch.activities.dropfolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocrbatch.activities.fault.BadInputException;
import io.ocrbatch.workflows.watch.WatchSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Watch configs: defaults, and mistakes reported with the file and the key. */
class WatchConfigTest {
  @TempDir Path dir;

  private WatchConfig load(String yaml) throws IOException {
    return WatchConfig.load(Files.writeString(dir.resolve("pubs.yaml"), yaml));
  }

  @Test
  void aMinimalConfigGetsTheDocumentedDefaults() throws IOException {
    WatchConfig config =
        load(
            "source: s3://bucket/sftp\njob-type: tesseract-eng\ns3:\n  endpoint: http://127.0.0.1:9000\n");
    WatchSpec spec = config.spec();
    assertThat(spec.name()).isEqualTo("pubs");
    assertThat(spec.workflowId()).isEqualTo("watch-pubs");
    assertThat(spec.intervalSeconds()).isEqualTo(3600);
    assertThat(spec.runOnStartup()).isTrue();
    assertThat(spec.formats()).containsExactly("pdf", "tiff", "jpeg", "png");
    assertThat(spec.outputFolder()).isEqualTo("ocr");
    assertThat(spec.maxRetries()).isEqualTo(2);
    assertThat(config.s3Endpoint()).hasToString("http://127.0.0.1:9000");
  }

  @Test
  void mistakesNameTheKey() {
    assertThatThrownBy(() -> load("source: s3://bucket/x\njob-type: t\ndpi: 5000\n"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("pubs.yaml")
        .hasMessageContaining("key 'dpi'");
    assertThatThrownBy(() -> load("source: s3://bucket/x\njob-type: t\nintervall: 5m\n"))
        .hasMessageContaining("key 'intervall': unknown key");
    assertThatThrownBy(() -> load("job-type: t\n"))
        .hasMessageContaining("key 'source': is required");
    assertThatThrownBy(() -> load("source: /no/such/folder\njob-type: t\n"))
        .hasMessageContaining("key 'source': no such folder");
    assertThatThrownBy(() -> load("source: s3://bucket/x\njob-type: t\nformats: [pdf, docx]\n"))
        .hasMessageContaining("key 'formats': docx");
    assertThatThrownBy(() -> load("source: s3://bucket/x\njob-type: t\ninterval: soon\n"))
        .hasMessageContaining("key 'interval'");
    assertThatThrownBy(() -> load("source: s3://bucket/x\njob-type: t\ns3:\n  endpont: x\n"))
        .hasMessageContaining("key 's3.endpont'");
  }

  @Test
  void fileSizesMapToTheFivePriorityTiers() {
    long mb = 1024 * 1024;
    assertThat(SizeTiers.priority(mb)).isEqualTo(1);
    assertThat(SizeTiers.priority(mb + 1)).isEqualTo(2);
    assertThat(SizeTiers.priority(5 * mb)).isEqualTo(2);
    assertThat(SizeTiers.priority(10 * mb)).isEqualTo(3);
    assertThat(SizeTiers.priority(50 * mb)).isEqualTo(4);
    assertThat(SizeTiers.priority(50 * mb + 1)).isEqualTo(5);
  }
}
