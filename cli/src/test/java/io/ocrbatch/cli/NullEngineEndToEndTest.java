package io.ocrbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The null engine as a job type, through the whole stack (Temporal workflows, PostgreSQL, files),
 * without OCR.
 */
class NullEngineEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void aNullEngineJobRunsEndToEnd() throws Exception {
    String data = dir.resolve("data").toString();
    Path scans = dir.resolve("scans");
    CliTestSupport.englishVolume(scans.resolve("vol-a"), 2, 0);
    Path out = dir.resolve("out");

    CliTestSupport.Result created =
        CliTestSupport.run(
            "job-types",
            "create",
            "--name",
            "null-text",
            "--engine",
            "null",
            "--model",
            "text",
            "--formats",
            "txt,json,md",
            "--data",
            data);
    assertThat(created.exitCode()).as(created.stdout()).isZero();
    int exit =
        OcrbatchCli.run(
            "ocr",
            scans.toString(),
            "--type",
            "null-text",
            "--out",
            out.toString(),
            "--data",
            data,
            "--job-key",
            "E2E-NULL");

    assertThat(exit).isEqualTo(io.ocrbatch.activities.fault.ExitCode.OK.code());
    Path vol = out.resolve("null-text/vol-a");
    for (String stem : new String[] {"page-001", "page-002"}) {
      assertThat(Files.readString(vol.resolve(stem + ".txt")))
          .isEqualTo("The quick brown fox jumps over the lazy dog\n");
      assertThat(vol.resolve(stem + ".md")).exists();
      JsonNode page = JSON.readTree(vol.resolve(stem + ".json").toFile());
      assertThat(page.path("engine").asText()).isEqualTo("null");
      assertThat(page.path("lines").get(0).path("words").size()).isEqualTo(9);
      assertThat(page.path("regions").get(0).path("lines").size()).isEqualTo(1);
    }
    JsonNode manifest = JSON.readTree(vol.resolve("manifest.json").toFile());
    assertThat(manifest.path("engine").asText()).isEqualTo("null");
    assertThat(manifest.path("successful_pages").asInt()).isEqualTo(2);
    assertThat(vol.resolve("success.json")).exists();
  }
}
