package io.ocrbatch.activities.ocr.tesseractlines;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.engines.OcrEngines;
import io.ocrbatch.activities.image.ImageDecoder;
import io.ocrbatch.activities.ocr.Box;
import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.samples.CharacterErrorRate;
import io.ocrbatch.activities.samples.PageRenderer;
import io.ocrbatch.activities.samples.SampleTexts;
import io.ocrbatch.activities.testing.SharedData;
import io.ocrbatch.workflows.JobTypeSpec;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Tibetan job types' engine (V11) on real and rendered pages. */
class TesseractLinesEngineTest {
  private static final JobTypeSpec TIBETAN =
      new JobTypeSpec(
          2,
          "tesseract-bod-unicode",
          "tesseract-lines",
          "bod",
          "bod",
          "unicode",
          "block",
          List.of("txt"));
  private final OcrEngines engines = new OcrEngines(OcrEngines.tessdataFromEnvironment());

  @AfterEach
  void close() {
    engines.close();
  }

  @Test
  void readsAModernPechaPrintLineByLineWithWordsOnThePage() throws Exception {
    BufferedImage page =
        new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS)
            .decodeGray(SharedData.pechaPage("img_5.png"));
    String truth = Files.readString(SharedData.pechaPage("img_5.gt.txt"));

    PageText text = engines.engineFor(TIBETAN).recognize(page, 300);

    assertThat(CharacterErrorRate.ignoringSpaces(truth, text.text()))
        .as("CER, whitespace ignored")
        .isLessThan(0.05);
    assertThat(text.lines()).hasSize(6);
    for (PageText.Line line : text.lines()) {
      assertThat(line.words()).isNotEmpty();
      for (PageText.Word word : line.words()) {
        assertThat(within(word.box(), line.box(), 2)).as(word.text() + " inside its line").isTrue();
        assertThat(within(word.box(), new Box(0, 0, page.getWidth(), page.getHeight()), 0))
            .isTrue();
      }
    }
    assertThat(text.lines().get(0).box().y2()).isLessThan(text.lines().get(1).box().y2());
    assertThat(engines.version(TIBETAN)).startsWith("tesseract-lines 5.").endsWith("(bod)");
  }

  @Test
  void aRenderedPageReadsAsWellAsTesseractReadsItWholeWithoutStraySpaces() {
    PageRenderer.Page page =
        new PageRenderer(PageRenderer.TIBETAN_MACHINE, 56f, 1748, 700)
            .render(SampleTexts.tibetanSyllables(120), "", 1.6);

    PageText text = engines.engineFor(TIBETAN).recognize(page.image(), 300);

    assertThat(CharacterErrorRate.ignoringSpaces(String.join("\n", page.lines()), text.text()))
        .isLessThanOrEqualTo(0.01);
    assertThat(text.lines()).hasSameSizeAs(page.lines());
    // the truth has no spaces: a space may only follow a shad
    assertThat(text.lines()).allSatisfy(l -> assertThat(l.text()).doesNotContainPattern("[^།] "));
  }

  @Test
  void aLongLineTesseractFindsNothingInWholeIsReadInTwoPieces() throws Exception {
    // Tesseract 5.5 reads nothing in this rendered line whole (PSM 7); the raw-line mode (PSM 13)
    // that read it before got three letters wrong
    Path samples = Path.of("../samples/tibetan/volume-1");
    BufferedImage page =
        new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS)
            .decodeGray(samples.resolve("page-002.png"));
    String firstLine = Files.readAllLines(samples.resolve("page-002.gt.txt")).get(0);

    PageText text = engines.engineFor(TIBETAN).recognize(page, 300);

    assertThat(CharacterErrorRate.ignoringSpaces(firstLine, text.lines().get(0).text())).isZero();
  }

  @Test
  void lineModeLineReadsTheWholeImageAsOneLine() {
    PageRenderer.Page page =
        new PageRenderer(PageRenderer.TIBETAN_MACHINE, 56f, 900, 340)
            .render(SampleTexts.tibetanSyllables(12), "", 1.0);
    assertThat(page.lines()).hasSize(1);
    JobTypeSpec lines =
        new JobTypeSpec(
            0, "bod-line", "tesseract-lines", "bod", "bod", "unicode", "line", List.of("txt"));

    PageText text = engines.engineFor(lines).recognize(page.image(), 300);

    assertThat(text.lines()).hasSize(1);
    assertThat(text.text()).contains("སངས་རྒྱས");
  }

  private static boolean within(Box inner, Box outer, int slack) {
    return inner.x1() >= outer.x1() - slack
        && inner.y1() >= outer.y1() - slack
        && inner.x2() <= outer.x2() + slack
        && inner.y2() <= outer.y2() + slack;
  }
}
