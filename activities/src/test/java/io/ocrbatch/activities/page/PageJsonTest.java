package io.ocrbatch.activities.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.files.Json;
import io.ocrbatch.activities.ocr.Box;
import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.ocr.PageText.Line;
import io.ocrbatch.activities.ocr.PageText.Region;
import io.ocrbatch.activities.ocr.PageText.Word;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageJsonTest {
  private static final Provenance PROVENANCE =
      new Provenance(
          "p1.png",
          "etag-1",
          "tesseract-eng",
          "tesseract",
          "tesseract 5.5.2 (eng)",
          "eng",
          "sha256:ab",
          "eng",
          "unicode",
          300,
          "dev");

  private static PageText twoColumns() {
    Line a =
        new Line(
            "Hello world",
            new Box(10, 10, 200, 40),
            91.5f,
            new Box(10, 36, 200, 37),
            List.of(
                new Word("Hello", new Box(10, 10, 90, 40), 93f),
                new Word("world", new Box(100, 10, 200, 40), 90f)));
    Line b =
        new Line(
            "second",
            new Box(10, 50, 120, 80),
            80f,
            null,
            List.of(new Word("second", new Box(10, 50, 120, 80), 80f)));
    Line c =
        new Line(
            "right",
            new Box(400, 10, 500, 40),
            70.25f,
            List.of(new Word("right", new Box(400, 10, 500, 40), 70.25f)));
    return new PageText(
        600,
        300,
        List.of(
            new Region(new Box(10, 10, 200, 80), List.of(a, b)),
            new Region(new Box(400, 10, 500, 40), List.of(c))));
  }

  @Test
  void writtenThenReadBackGivesTheSamePageModel() throws Exception {
    PageText page = twoColumns();

    PageJson.Document read = PageJson.read(PageJson.write(page, PROVENANCE, 1234));

    assertThat(read.page()).isEqualTo(page);
    assertThat(read.provenance()).isEqualTo(PROVENANCE);
    assertThat(read.durationMs()).isEqualTo(1234);
    assertThat(read.text()).isEqualTo("Hello world\nsecond\nright");
    assertThat(read.confidence()).isEqualTo(page.meanConfidence());
  }

  @Test
  void keepsTheKeysReadersRelyOn() throws Exception {
    var doc = Json.MAPPER.readTree(PageJson.write(twoColumns(), PROVENANCE, 5));
    assertThat(doc.path("image").asText()).isEqualTo("p1.png");
    assertThat(doc.path("engine").asText()).isEqualTo("tesseract");
    assertThat(doc.path("engine_version").asText()).isEqualTo("tesseract 5.5.2 (eng)");
    assertThat(doc.path("duration_ms").asLong()).isEqualTo(5);
    assertThat(doc.path("lines").get(0).path("bbox").toString()).isEqualTo("[10,10,200,40]");
    assertThat(doc.path("lines").get(0).path("words").get(1).path("text").asText())
        .isEqualTo("world");
    assertThat(doc.path("regions").get(1).path("lines").toString()).isEqualTo("[2]");
  }

  @Test
  void aPageJsonWrittenBeforeRegionsReadsAsOneRegion() throws Exception {
    String old =
        """
        {"image": "p1.png", "width": 600, "height": 300, "job_type": "tesseract-eng",
         "engine": "tesseract 5.3.0 (eng)", "language": "eng", "encoding": "unicode", "dpi": 300,
         "duration_ms": 7, "confidence": 90.0, "text": "Hi",
         "lines": [{"text": "Hi", "bbox": [1, 2, 30, 40], "confidence": 90.0,
                    "words": [{"text": "Hi", "bbox": [1, 2, 30, 40], "confidence": 90.0}]}]}
        """;

    PageJson.Document read = PageJson.read(old.getBytes(StandardCharsets.UTF_8));

    Line hi =
        new Line(
            "Hi", new Box(1, 2, 30, 40), 90f, List.of(new Word("Hi", new Box(1, 2, 30, 40), 90f)));
    assertThat(read.page())
        .isEqualTo(new PageText(600, 300, List.of(new Region(new Box(1, 2, 30, 40), List.of(hi)))));
    assertThat(read.durationMs()).isEqualTo(7);
    assertThat(read.provenance().jobType()).isEqualTo("tesseract-eng");
  }
}
