package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocrbatch.activities.samples.SamplePdf;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload-and-OCR contract ({@code /ocr/*}) over real HTTP, with real OCR behind it. */
class OcrUploadApiTest {
  @TempDir static Path data;
  static ApiHarness api;
  static byte[] twoPages;
  static List<List<String>> truth;

  @BeforeAll
  static void start() throws Exception {
    api =
        ApiHarness.start(
            data.resolve("server"), s -> s.withMaxUploadBytes(1024 * 1024).withMaxPages(12));
    truth = SamplePdf.writeEnglish(data.resolve("two.pdf"), 2);
    twoPages = Files.readAllBytes(data.resolve("two.pdf"));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  /** What Python's {@code strptime('%Y-%m-%dT%H:%M:%S.%fZ')} reads, in milliseconds. */
  private static final String MILLISECONDS_UTC =
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

  private static String longestWord(List<String> lines) {
    return Arrays.stream(String.join(" ", lines).split("\\W+"))
        .max((a, b) -> a.length() - b.length())
        .orElseThrow();
  }

  @Test
  void aResultComesAPageOfPagesAtATimeWhenAsked() throws Exception {
    String id =
        api.upload("/ocr/submit?dpi=100", "file", "paged.pdf", twoPages)
            .json()
            .path("job_id")
            .asText();
    api.awaitField("/ocr/status/" + id, "status", Duration.ofSeconds(120), "completed");

    JsonNode second = api.get("/ocr/result/" + id + "?offset=1&limit=1").json();
    assertThat(second.path("results").properties())
        .extracting(java.util.Map.Entry::getKey)
        .containsExactly("page_1");
    assertThat(second.path("total_pages").asInt()).isEqualTo(2);
    assertThat(second.path("results").path("page_1").path("status").asText()).isEqualTo("success");
    assertThat(api.get("/ocr/result/" + id + "?offset=2&limit=10").json().path("results").size())
        .isZero();
    assertThat(api.get("/ocr/result/" + id).json().path("results").size()).isEqualTo(2);
    ApiHarness.Reply zero = api.get("/ocr/result/" + id + "?limit=0");
    assertThat(zero.status()).isEqualTo(400);
    assertThat(zero.json().path("detail").asText()).contains("limit");
    assertThat(api.get("/ocr/result/" + id + "?offset=-1").status()).isEqualTo(400);
  }

  @Test
  void aSubmittedPdfIsStreamedThenItsTextBoxesMarkdownImagesAndZipAreServed() throws Exception {
    JsonNode submitted =
        api.upload("/ocr/submit?dpi=150&model=tesseract-eng", "file", "scan.pdf", twoPages).json();
    assertThat(submitted.path("success").asBoolean()).isTrue();
    assertThat(submitted.path("filename").asText()).isEqualTo("scan.pdf");
    assertThat(submitted.path("total_pages").asInt()).isEqualTo(2);
    assertThat(submitted.path("model").asText()).isEqualTo("tesseract-eng");
    assertThat(submitted.path("dpi").asInt()).isEqualTo(150);
    assertThat(submitted.has("message")).isTrue();
    assertThat(submitted.path("submitted_at").asText()).matches(MILLISECONDS_UTC);
    String id = submitted.path("job_id").asText();

    ApiHarness.Reply running = api.get("/ocr/result/" + id);
    assertThat(running.status()).as("still running").isEqualTo(202);
    assertThat(running.json().path("success").isBoolean()).as(running.body()).isTrue();
    assertThat(running.json().path("success").asBoolean()).isFalse();
    List<SseRecorder.Event> events =
        SseRecorder.read(api.url("/ocr/stream/" + id), null, "close", Duration.ofSeconds(120));

    assertThat(events.get(0).name()).isEqualTo("status");
    assertThat(events)
        .extracting(SseRecorder.Event::name)
        .containsSubsequence("status", "result", "close")
        .doesNotContain("error");
    assertThat(events.get(events.size() - 1).data()).contains("Stream complete");
    JsonNode statusEvent = ApiHarness.JSON.readTree(events.get(0).data());
    assertThat(statusEvent.path("job_id").asText()).isEqualTo(id);
    assertThat(statusEvent.path("status").asText()).isIn("pending", "running");
    assertThat(statusEvent.path("elapsed").isIntegralNumber())
        .as("elapsed in whole seconds: " + statusEvent)
        .isTrue();
    JsonNode resultEvent = ApiHarness.JSON.readTree(events.get(events.size() - 2).data());
    assertThat(resultEvent.path("metadata").path("filename").asText()).isEqualTo("scan.pdf");
    assertThat(resultEvent.path("metadata").path("dpi").asInt()).isEqualTo(150);
    assertThat(resultEvent.path("results").path("page_1").path("status").asText())
        .isEqualTo("success");

    JsonNode status = api.get("/ocr/status/" + id).json();
    assertThat(status.path("status").asText()).isEqualTo("completed");
    List<SseRecorder.RawEvent> again =
        SseRecorder.parse(
            api.get("/ocr/stream/" + id).body()); // a finished job's stream ends at once
    assertThat(again)
        .extracting(SseRecorder.RawEvent::name)
        .containsExactly("status", "result", "close");
    assertThat(again)
        .allSatisfy(
            e ->
                assertThat(e.retryMillis())
                    .as("no reconnect soon after close")
                    .isGreaterThanOrEqualTo(3_600_000L));
    assertThat(status.path("progress").asDouble()).isEqualTo(100.0);

    ApiHarness.Reply reply = api.get("/ocr/result/" + id + "?annotate=true");
    assertThat(reply.status()).isEqualTo(200);
    JsonNode result = reply.json();
    assertThat(result.path("success").asBoolean()).isTrue();
    assertThat(result.path("completed_at").asText()).matches(MILLISECONDS_UTC);
    JsonNode page0 = result.path("results").path("page_0");
    assertThat(page0.path("status").asText()).isEqualTo("success");
    JsonNode line = page0.path("data").get(0);
    assertThat(line.path("bbox")).hasSize(4);
    assertThat(line.path("category").asText()).isEqualTo("Text");
    assertThat(page0.path("text").asText()).contains(longestWord(truth.get(0)));
    assertThat(result.path("results").path("page_1").path("text").asText())
        .contains(longestWord(truth.get(1)));
    assertThat(result.path("annotated_images")).hasSize(2);
    byte[] png =
        java.util.Base64.getDecoder().decode(result.path("annotated_images").get(0).asText());
    assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth())
        .isBetween(870, 880); // A5 at 150 dpi

    String markdown = api.get("/ocr/result/" + id + "/markdown").body();
    assertThat(markdown).contains("## Page 1", "## Page 2", longestWord(truth.get(1)));
    ApiHarness.Reply image = api.get("/ocr/result/" + id + "/pages/1/image");
    assertThat(image.contentType()).startsWith("image/png");
    assertThat(ImageIO.read(new ByteArrayInputStream(image.bytes()))).isNotNull();
    assertThat(api.get("/ocr/result/" + id + "/pages/7/image").status()).isEqualTo(404);
    try (ZipInputStream zip =
        new ZipInputStream(
            new ByteArrayInputStream(api.get("/ocr/result/" + id + "/download").bytes()))) {
      List<String> names = new java.util.ArrayList<>();
      for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) names.add(e.getName());
      assertThat(names).contains("scan-0001.txt", "scan-0002.json", "manifest.json", "text.md");
    }
    servedInTheFieldsFormats(id);
  }

  /**
   * The same result as PAGE XML, ALTO, hOCR (made from the JSON: tesseract-eng's job type writes
   * txt and json) and as a searchable PDF, each read back by its schema or a real tool.
   */
  private static void servedInTheFieldsFormats(String id) throws Exception {
    ApiHarness.Reply pageXml = api.get("/ocr/result/" + id + "?format=page&page=1");
    assertThat(pageXml.contentType()).startsWith("application/xml");
    Path xml = data.resolve(id + "-p1.xml");
    Files.write(xml, pageXml.bytes());
    io.ocrbatch.activities.testing.OutputChecks.validPageXml(xml);
    assertThat(pageXml.body()).contains(longestWord(truth.get(1)));

    ApiHarness.Reply alto = api.get("/ocr/result/" + id + "?format=alto");
    assertThat(alto.contentType()).isEqualTo("application/zip");
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(alto.bytes()))) {
      List<String> names = new java.util.ArrayList<>();
      for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        names.add(e.getName());
        Path file = data.resolve(id + "-" + e.getName());
        Files.write(file, zip.readAllBytes());
        io.ocrbatch.activities.testing.OutputChecks.validAlto(file);
      }
      assertThat(names).containsExactly("scan-0001.alto.xml", "scan-0002.alto.xml");
    }

    ApiHarness.Reply hocr = api.get("/ocr/result/" + id + "?format=hocr&page=0");
    assertThat(hocr.contentType()).startsWith("text/html");
    Path hocrFile = data.resolve(id + ".hocr");
    Files.write(hocrFile, hocr.bytes());
    assertThat(String.join(" ", io.ocrbatch.activities.testing.OutputChecks.hocrWords(hocrFile)))
        .contains(longestWord(truth.get(0)));

    ApiHarness.Reply pdf = api.get("/ocr/result/" + id + "/pdf");
    assertThat(pdf.contentType()).isEqualTo("application/pdf");
    Path pdfFile = data.resolve(id + ".pdf");
    Files.write(pdfFile, pdf.bytes());
    assertThat(io.ocrbatch.activities.testing.OutputChecks.pdftotext(pdfFile))
        .contains(longestWord(truth.get(0)))
        .contains(longestWord(truth.get(1)));
    assertThat(api.get("/ocr/result/" + id + "?format=pdf").bytes()).startsWith("%PDF".getBytes());

    ApiHarness.Reply unknown = api.get("/ocr/result/" + id + "?format=docx");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("detail").asText())
        .isEqualTo(
            "parameter 'format' must be one of txt, json, page, alto, hocr, pdf, md, got 'docx'");
    assertThat(api.get("/ocr/result/" + id + "?format=page&page=9").status()).isEqualTo(404);
  }

  @Test
  void anUnknownModelIsRefusedWithTheModelsThatExist() {
    ApiHarness.Reply reply = api.upload("/ocr/submit?model=xyz", "file", "scan.pdf", twoPages);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("detail").asText())
        .startsWith("Unsupported model 'xyz'. Available models: ")
        .contains("tesseract-eng");
  }

  @Test
  void badUploadsAreRefusedNamingTheProblemAndLeaveNothingBehind() throws Exception {
    assertThat(
            api.upload("/ocr/submit?dpi=50", "file", "scan.pdf", twoPages)
                .json()
                .path("detail")
                .asText())
        .contains("dpi must be between 72 and 600");
    assertRefused(
        api.upload("/ocr/submit", "file", "empty.pdf", new byte[0]), "'empty.pdf' is empty");
    assertRefused(
        api.upload("/ocr/submit", "file", "notes.pdf", "hello, not a PDF".getBytes()),
        "'notes.pdf' is neither a PDF nor");
    assertRefused(
        api.upload("/ocr/submit", "file", "cut.pdf", Arrays.copyOf(twoPages, twoPages.length / 3)),
        "'cut.pdf' is not a readable PDF");
    assertRefused(
        api.upload(
            "/ocr/submit",
            "file",
            "cut.png",
            Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0}, 10)),
        "cannot be decoded");
    assertRefused(
        api.send(
            new okhttp3.Request.Builder()
                .url(api.url("/ocr/submit"))
                .post(
                    new okhttp3.MultipartBody.Builder()
                        .setType(okhttp3.MultipartBody.FORM)
                        .addFormDataPart("dpi", "200")
                        .build())),
        "no file uploaded");

    SamplePdf.writeEnglish(data.resolve("many.pdf"), 13);
    assertRefused(
        api.upload("/ocr/submit", "file", "many.pdf", Files.readAllBytes(data.resolve("many.pdf"))),
        "has 13 pages; the limit is 12");

    ApiHarness.Reply tooBig =
        api.upload("/ocr/submit", "file", "big.pdf", new byte[1024 * 1024 + 10]);
    assertThat(tooBig.status()).isEqualTo(413);
    assertThat(tooBig.json().path("detail").asText()).contains("larger than the limit of 1 MB");

    Path uploads = data.resolve("server/uploads");
    try (var left =
        Files.exists(uploads) ? Files.list(uploads) : java.util.stream.Stream.<Path>empty()) {
      // only accepted uploads have folders: each has a job
      for (Path folder : left.toList())
        assertThat(api.jobs.store().uploads().byJobKey(folder.getFileName().toString()))
            .isPresent();
    }
  }

  @Test
  void aPathLikeFileNameStaysInsideTheUploadsFolder() throws Exception {
    JsonNode submitted =
        api.upload("/ocr/submit?dpi=100", "file", "../../../etc/evil name.pdf", twoPages).json();
    assertThat(submitted.path("filename").asText()).isEqualTo("evil name.pdf");
    Path folder = data.resolve("server/uploads").resolve(submitted.path("job_id").asText());
    try (var files = Files.walk(folder)) {
      assertThat(files.filter(p -> p.toString().endsWith(".pdf")).toList())
          .singleElement()
          .satisfies(p -> assertThat(p.normalize()).startsWith(folder));
    }
    assertThat(Files.exists(data.resolve("etc"))).isFalse();
    api.awaitField(
        "/ocr/status/" + submitted.path("job_id").asText(),
        "status",
        Duration.ofSeconds(90),
        "completed");
  }

  @Test
  void aTibetanFileNameComesBackAsItWasGiven() throws Exception {
    String tibetan = "བོད་ཡིག.pdf";
    JsonNode submitted = api.upload("/ocr/submit?dpi=100", "file", tibetan, twoPages).json();
    assertThat(submitted.path("filename").asText()).isEqualTo(tibetan);
    String id = submitted.path("job_id").asText();
    api.awaitField("/ocr/status/" + id, "status", Duration.ofSeconds(90), "completed");
    JsonNode result = api.get("/ocr/result/" + id).json();
    assertThat(result.path("filename").asText()).isEqualTo(tibetan);
    assertThat(result.path("metadata").path("filename").asText()).isEqualTo(tibetan);
    assertThat(api.get("/ocr/result/" + id + "/markdown").body()).startsWith("# " + tibetan);
    assertThat(api.get("/api/jobs/" + id).json().path("filename").asText())
        .as("the jobs list names it too")
        .isEqualTo(tibetan);
  }

  @Test
  void jobsAreListedAPageAtATimeNewestFirst() throws Exception {
    for (String key : List.of("paged-1", "paged-2", "paged-3")) api.submitJobWithMissingVolume(key);
    List<String> newest = api.get("/api/jobs?limit=3").json().findValuesAsText("job_key");
    assertThat(newest).containsExactly("paged-3", "paged-2", "paged-1");
    assertThat(api.get("/api/jobs?limit=2&offset=1").json().findValuesAsText("job_key"))
        .containsExactly("paged-2", "paged-1");
    assertThat(api.get("/api/jobs?offset=-1").json().path("detail").asText())
        .contains("offset must be 0 or more");
  }

  @Test
  void anUnknownJobsStreamIsOneParseableErrorEventThenCloseAndNoQuickReconnect() throws Exception {
    ApiHarness.Reply reply =
        api.get("/ocr/stream/nope"); // returns once the server has ended the stream
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("text/event-stream");
    List<SseRecorder.RawEvent> events = SseRecorder.parse(reply.body());
    assertThat(events).extracting(SseRecorder.RawEvent::name).containsExactly("error", "close");
    JsonNode error = ApiHarness.JSON.readTree(events.get(0).data());
    assertThat(error.path("status").asText()).isEqualTo("error");
    assertThat(error.path("job_id").asText()).isEqualTo("nope");
    assertThat(error.path("error").asText()).contains("no OCR job 'nope'");
    assertThat(events)
        .allSatisfy(
            e ->
                assertThat(e.retryMillis())
                    .as("retry: of " + e)
                    .isGreaterThanOrEqualTo(3_600_000L));
  }

  @Test
  void unknownJobsAre404OnEveryOtherEndpoint() {
    for (String path :
        List.of("/ocr/status/nope", "/ocr/result/nope", "/ocr/result/nope/markdown")) {
      ApiHarness.Reply reply = api.get(path);
      assertThat(reply.status()).as(path).isEqualTo(404);
      assertThat(reply.body()).as(path).contains("no OCR job 'nope'");
    }
  }

  private static void assertRefused(ApiHarness.Reply reply, String detail) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.json().path("detail").asText()).contains(detail);
  }
}
