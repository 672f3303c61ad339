package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.samples.SamplePdf;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over HTTP, clients read and write only under the configured roots (by default the working and
 * data folders).
 */
class ServerFilesAccessTest {
  @TempDir static Path tmp;
  static Path data;
  static ApiHarness api;

  @BeforeAll
  static void start() throws Exception {
    data = tmp.resolve("server");
    api = ApiHarness.withServerRoots(data);
    SamplePdf.writeEnglish(data.resolve("scans/v1/book.pdf"), 1);
    Files.createDirectories(tmp.resolve("private/v1"));
    SamplePdf.writeEnglish(tmp.resolve("private/v1/book.pdf"), 1);
    Files.createSymbolicLink(data.resolve("scans/link-out"), tmp.resolve("private"));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static String submit(String field, String value) {
    return "{\"job_type\": \"tesseract-eng\", \"" + field + "\": " + value + "}";
  }

  @Test
  void foldersOutsideTheRootsAre403WithoutSayingWhetherTheyExist() {
    ApiHarness.Reply etc = api.post("/api/jobs", submit("folder", "\"/etc\""));
    ApiHarness.Reply missing = api.post("/api/jobs", submit("folder", "\"/no/such/folder\""));
    ApiHarness.Reply usr = api.post("/api/jobs", submit("volumes", "[\"/usr/share\"]"));
    for (ApiHarness.Reply reply : java.util.List.of(etc, missing, usr)) {
      assertThat(reply.status()).as(reply.body()).isEqualTo(403);
      assertThat(reply.json().path("detail").asText())
          .contains(
              "is outside the input roots this server allows over HTTP",
              data.toString(),
              "OCRBATCH_INPUT_ROOTS")
          .doesNotContain("no page images", "not found");
    }
    assertThat(etc.json().path("detail").asText().replace("/etc", "X"))
        .isEqualTo(missing.json().path("detail").asText().replace("/no/such/folder", "X"));
  }

  @Test
  void dotDotAndLinksDoNotLeadOutOfARoot() {
    assertThat(api.post("/api/jobs", submit("folder", "\"" + data + "/../private\"")).status())
        .isEqualTo(403);
    assertThat(api.post("/api/jobs", submit("folder", "\"" + data + "/scans/link-out\"")).status())
        .isEqualTo(403);
    assertThat(
            api.post("/api/jobs", submit("volumes", "[\"" + data + "/scans/link-out/v1\"]"))
                .status())
        .isEqualTo(403);
  }

  @Test
  void outputsOutsideTheRootsAre403AndS3NeedsItsBucketListed() {
    String folder = "\"" + data.resolve("scans") + "\", \"output\": ";
    ApiHarness.Reply anywhere =
        api.post("/api/jobs", submit("folder", folder + "\"/tmp/anywhere\""));
    assertThat(anywhere.status()).isEqualTo(403);
    assertThat(anywhere.json().path("detail").asText())
        .contains("output '/tmp/anywhere' is outside the output roots", "OCRBATCH_OUTPUT_ROOTS");
    assertThat(
            api.post("/api/jobs", submit("folder", folder + "\"s3://someone-elses-bucket/x\""))
                .status())
        .isEqualTo(403);
    assertThat(
            api.post("/api/jobs", submit("folder", "\"s3://someone-elses-bucket/scans/\""))
                .status())
        .isEqualTo(403);
    assertThat(Files.exists(Path.of("/tmp/anywhere"))).isFalse();
  }

  @Test
  void foldersUnderTheRootsAreServed() {
    ApiHarness.Reply created =
        api.post(
            "/api/jobs",
            submit("folder", "\"" + data.resolve("scans") + "\", \"job_key\": \"inside-roots\""));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().path("output_root").asText()).startsWith(data.toString());
  }
}
