package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocrbatch.activities.samples.SamplePdf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Symbolic links under an input root lead nowhere outside it: a sub-folder that links out is
 * refused at submission, and a page image that links out fails that page alone, with a reason that
 * names no server path. (A folder swapped for a link after the 201: {@code ConfinedFilesTest}.)
 */
class SymbolicLinkEscapeTest {
  @TempDir static Path tmp;
  static Path data;
  static ApiHarness api;

  @BeforeAll
  static void start() throws Exception {
    data = tmp.resolve("server");
    api = ApiHarness.withServerRoots(data);
    Path secret = tmp.resolve("private/v1/secret.pdf");
    SamplePdf.writeEnglish(secret, 1);
    SamplePdf.writeEnglish(data.resolve("books/real/book.pdf"), 1);
    Files.createSymbolicLink(data.resolve("books/linked"), secret.getParent());
    SamplePdf.writeEnglish(data.resolve("mixed/a.pdf"), 1);
    Files.createSymbolicLink(data.resolve("mixed/b.pdf"), secret);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void aSubFolderThatLinksOutsideIsRefusedAtSubmission() {
    ApiHarness.Reply reply =
        api.post(
            "/api/jobs",
            "{\"job_type\": \"tesseract-eng\", \"folder\": \"" + data.resolve("books") + "\"}");

    assertThat(reply.status()).as(reply.body()).isEqualTo(403);
    assertThat(reply.json().path("detail").asText())
        .contains("volume '" + data.resolve("books/linked") + "' is outside the input roots");
  }

  @Test
  void aPageImageThatLinksOutsideFailsThatPageAlone() throws Exception {
    ApiHarness.Reply created =
        api.post(
            "/api/jobs",
            "{\"job_type\": \"tesseract-eng\", \"job_key\": \"links-out\", \"volumes\": [\""
                + data.resolve("mixed")
                + "\"]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);

    JsonNode job =
        api.awaitField(
            "/api/jobs/links-out", "status", Duration.ofMinutes(2), "completed", "failed");

    assertThat(job.path("pages").path("ok").asInt()).isEqualTo(1);
    assertThat(job.path("pages").path("failed").asInt()).isEqualTo(1);
    Path results = data.resolve("results/tesseract-eng/mixed");
    assertThat(results.resolve("a.txt")).exists();
    assertThat(results.resolve("b.txt")).doesNotExist();
    JsonNode manifest = ApiHarness.JSON.readTree(results.resolve("manifest.json").toFile());
    JsonNode failed = manifest.path("pages").get(1);
    assertThat(failed.path("image").asText()).isEqualTo("b.pdf");
    assertThat(failed.path("error").asText())
        .isEqualTo("'b.pdf' leads outside the folders this job may read (a symbolic link?)");
  }
}
