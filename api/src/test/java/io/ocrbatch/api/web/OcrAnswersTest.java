package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers of the upload contract that a client acts on: a permanent problem is a 4xx, an unknown
 * job says {@code success: false}, a stream that ended stays ended, and nothing names the server's
 * own folders.
 */
class OcrAnswersTest {
  @TempDir static Path data;
  static ApiHarness api;
  static String hugePageJob;

  @BeforeAll
  static void start() throws Exception {
    api = ApiHarness.start(data.resolve("server"));
    ApiHarness.Reply submitted =
        api.upload("/ocr/submit?dpi=200", "file", "huge-page.pdf", hugePagePdf());
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
    hugePageJob = submitted.json().path("job_id").asText();
    api.awaitField(
        "/ocr/status/" + hugePageJob, "status", Duration.ofMinutes(2), "completed", "failed");
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  /** One page of 100 x 100 inches: 400,000,000 pixels at 200 dpi, over the decoder's limit. */
  private static byte[] hugePagePdf() throws Exception {
    return blankPdf(new PDRectangle(7200, 7200));
  }

  private static byte[] blankPdf(PDRectangle size) throws Exception {
    try (PDDocument pdf = new PDDocument()) {
      pdf.addPage(new PDPage(size));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      pdf.save(out);
      return out.toByteArray();
    }
  }

  @Test
  void aFailedPageSaysWhyByTheNameTheClientGaveNotTheServersPath() {
    JsonNode page = api.get("/ocr/result/" + hugePageJob).json().path("results").path("page_0");

    assertThat(page.path("status").asText()).isEqualTo("failed");
    assertThat(page.path("error").asText())
        .isEqualTo(
            "huge-page.pdf (page 1): 400000000 pixels at 200 dpi is over the limit of 150000000")
        .doesNotContain(data.toString());
  }

  @Test
  void aPageImageOverThePixelLimitIsAPermanent422NotA503ToRetry() {
    ApiHarness.Reply image = api.get("/ocr/result/" + hugePageJob + "/pages/0/image");

    assertThat(image.status()).as(image.body()).isEqualTo(422);
    assertThat(image.json().path("detail").asText())
        .contains("huge-page.pdf (page 1): 400000000 pixels at 200 dpi is over the limit")
        .doesNotContain(data.toString(), "try again");
  }

  @Test
  void anUnknownJobsResultSaysSuccessFalseLikeEveryOtherAnswerWithoutResults() {
    ApiHarness.Reply reply = api.get("/ocr/result/no-such-job");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().path("success").isBoolean()).as(reply.body()).isTrue();
    assertThat(reply.json().path("success").asBoolean()).isFalse();
    assertThat(reply.json().path("detail").asText()).contains("no-such-job");
  }

  @Test
  void aStreamThatEndedIsNotServedAgainToAClientReconnectingAfterClose() throws Exception {
    String stream = api.get("/ocr/stream/" + hugePageJob).body();
    assertThat(stream).contains("event:close", "id:closed");

    RawHttp.Answer again =
        RawHttp.send(
            api.server.port(),
            "GET",
            "/ocr/stream/" + hugePageJob,
            "Accept: text/event-stream\r\nLast-Event-ID: closed\r\n",
            null);
    assertThat(again.status()).as(again.head()).isEqualTo(204);
  }

  @Test
  void aMissingVolumeIsNamedAsTheClientWroteIt() {
    ApiHarness.Reply volume =
        api.post(
            "/api/jobs", "{\"job_type\": \"tesseract-eng\", \"volumes\": [\"no-such-volume\"]}");
    assertThat(volume.status()).as(volume.body()).isEqualTo(400);
    assertThat(volume.json().path("detail").asText())
        .isEqualTo("volume 'no-such-volume': folder not found");
    ApiHarness.Reply folder =
        api.post("/api/jobs", "{\"job_type\": \"tesseract-eng\", \"folder\": \"no-such-folder\"}");
    assertThat(folder.status()).as(folder.body()).isEqualTo(400);
    assertThat(folder.json().path("detail").asText())
        .isEqualTo("folder 'no-such-folder' not found");
  }

  @Test
  void aNulInAnUploadsFileNameIsNoServerError() throws Exception {
    String boundary = "b0undary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan\0.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    body.write(blankPdf(PDRectangle.A6));
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));

    RawHttp.Answer answer =
        RawHttp.send(
            api.server.port(),
            "POST",
            "/ocr/submit?dpi=72",
            "",
            "multipart/form-data; boundary=" + boundary,
            body.toByteArray());

    assertThat(answer.status()).as(answer.head() + "\n" + answer.body()).isEqualTo(400);
    assertThat(answer.body())
        .contains("\"success\":false", "cannot read the multipart upload: Invalid file name: scan")
        .doesNotContain(data.toString());
  }
}
