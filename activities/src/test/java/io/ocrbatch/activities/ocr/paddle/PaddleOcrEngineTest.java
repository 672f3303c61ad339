package io.ocrbatch.activities.ocr.paddle;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.ocrbatch.activities.ocr.Box;
import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.ocr.Polygon;
import io.ocrbatch.activities.ocr.neural.NeuralModels;
import io.ocrbatch.activities.output.format.PageResult;
import io.ocrbatch.activities.output.format.PageWriters;
import io.ocrbatch.activities.page.Provenance;
import io.ocrbatch.activities.samples.CharacterErrorRate;
import io.ocrbatch.activities.samples.PageRenderer;
import io.ocrbatch.activities.samples.SampleTexts;
import io.ocrbatch.activities.samples.ScanNoise;
import io.ocrbatch.activities.testing.OutputChecks;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PP-OCRv4 on ONNX Runtime (CPU), on English pages rendered at 150 dpi. */
class PaddleOcrEngineTest {
  static NeuralModels models;
  static PaddleOcrEngine engine;
  static PageRenderer.Page page;

  @BeforeAll
  static void load() {
    models = new NeuralModels(Device.cpu());
    engine = new PaddleOcrEngine(models, "en", 6);
    page =
        new PageRenderer(PageRenderer.DEJAVU_SERIF, 25, 1240, 900)
            .render(new ArrayList<>(SampleTexts.englishWords(200)), " ", 1.4);
  }

  @AfterAll
  static void close() {
    models.close();
  }

  private static String truth() {
    return String.join("\n", page.lines());
  }

  @Test
  void readsACleanPageWithLineAndWordBoxesAndConfidences() {
    PageText text = engine.recognize(page.image(), 150);
    assertThat(CharacterErrorRate.of(truth(), text.text())).isLessThan(0.01);
    assertThat(text.lines()).hasSize(page.lines().size());
    PageText.Line first = text.lines().get(0);
    assertThat(first.confidence()).isBetween(80f, 100f);
    assertThat(first.words())
        .extracting(PageText.Word::text)
        .containsExactly(page.lines().get(0).split(" "));
    for (PageText.Word word : first.words()) {
      assertThat(inside(word.box(), first.box())).as(word.text()).isTrue();
      assertThat(word.confidence()).isBetween(50f, 100f);
    }
    assertThat(first.words().get(0).box().x2())
        .isLessThan(first.words().get(1).box().x1() + 5); // in reading order, left to right
  }

  @Test
  void readsASkewedPageAndAnUpsideDownOne() {
    assertThat(
            CharacterErrorRate.of(
                truth(), engine.recognize(ScanNoise.skew(page.image(), 2), 150).text()))
        .isLessThan(0.03);
    assertThat(
            CharacterErrorRate.of(
                truth(), engine.recognize(ScanNoise.skew(page.image(), 180), 150).text()))
        .isLessThan(0.03);
  }

  /**
   * The rotated quads PP-OCR finds on a skewed page are kept as the lines' and words' polygons, and
   * PAGE XML written from them is valid by the official schema.
   */
  @Test
  void aSkewedPagesLinesKeepTheirRotatedOutlinesInPageXml(@TempDir Path dir) throws Exception {
    PageText text = engine.recognize(ScanNoise.skew(page.image(), 2), 150);
    PageText.Line line = text.lines().get(0);
    List<Polygon.Point> corners = line.polygon().points();
    assertThat(corners).hasSize(4);
    double slope =
        (double) (corners.get(1).y() - corners.get(0).y())
            / (corners.get(1).x() - corners.get(0).x());
    assertThat(Math.abs(Math.toDegrees(Math.atan(slope))))
        .as("the line's tilt")
        .isBetween(1.0, 3.0);
    assertThat(line.words()).allSatisfy(w -> assertThat(w.polygon()).isNotNull());
    Provenance provenance =
        new Provenance(
            "skewed.png",
            null,
            "paddle-en",
            "paddle",
            "paddle",
            "ppocr-v4",
            null,
            "en",
            "unicode",
            150,
            "test");
    Path xml = dir.resolve("skewed.xml");
    Files.write(
        xml,
        PageWriters.find("page").orElseThrow().render(new PageResult(text, provenance, 1, null)));
    OutputChecks.validPageXml(xml);
    assertThat(Files.readString(xml))
        .contains(
            "<Coords points=\""
                + corners.stream().map(c -> c.x() + "," + c.y()).collect(Collectors.joining(" "))
                + "\"/>");
  }

  @Test
  void aBlankPageHasNoLines() {
    BufferedImage blank = new BufferedImage(600, 800, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = blank.createGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, 600, 800);
    g.dispose();
    assertThat(engine.recognize(blank, 150).lines()).isEmpty();
  }

  private static boolean inside(Box inner, Box outer) {
    return inner.x1() >= outer.x1()
        && inner.x2() <= outer.x2()
        && inner.y1() >= outer.y1()
        && inner.y2() <= outer.y2();
  }
}
