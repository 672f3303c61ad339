package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.samples.SamplePdf;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Numbers in requests are plain decimals: hexadecimal, {@code #}-prefixed, other scripts' digits,
 * fractions and numeric strings are refused with the parameter's name, never read as some number.
 */
class PlainNumbersTest {
  @TempDir static Path data;
  static ApiHarness api;
  static byte[] pdf;

  @BeforeAll
  static void start() throws Exception {
    api = ApiHarness.start(data.resolve("server"));
    SamplePdf.writeEnglish(data.resolve("a.pdf"), 1);
    pdf = Files.readAllBytes(data.resolve("a.pdf"));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0x48", "%23200", "%E0%A5%A9%E0%A5%A6%E0%A5%A6", "+72", "72.0", "%2072"})
  void anUploadsDpiIsAPlainDecimal(String dpi) {
    ApiHarness.Reply reply = api.upload("/ocr/submit?dpi=" + dpi, "file", "a.pdf", pdf);

    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.json().path("detail").asText())
        .startsWith("parameter 'dpi' must be a whole number, got '");
  }

  @Test
  void queryAndPathNumbersArePlainDecimals() {
    ApiHarness.Reply limit = api.get("/api/jobs?limit=0x10");
    assertThat(limit.status()).as(limit.body()).isEqualTo(400);
    assertThat(limit.json().path("detail").asText())
        .isEqualTo("parameter 'limit' must be a whole number, got '0x10'");
    assertThat(api.get("/api/jobs?limit=10").status()).isEqualTo(200);
    ApiHarness.Reply page = api.get("/ocr/result/some-job/pages/%23000/image");
    assertThat(page.status()).as(page.body()).isEqualTo(400);
    assertThat(page.json().path("detail").asText()).contains("parameter 'page'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"300\"", "300.5", "\"0x12c\""})
  void aJsonBodysWholeNumbersAreJsonIntegers(String dpi) {
    ApiHarness.Reply reply =
        api.post(
            "/api/jobs",
            "{\"job_type\": \"tesseract-eng\", \"folder\": \".\", \"dpi\": " + dpi + "}");

    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.json().path("detail").asText())
        .contains("field 'dpi' must be a whole number, got '" + dpi.replace("\"", "") + "'");
  }
}
