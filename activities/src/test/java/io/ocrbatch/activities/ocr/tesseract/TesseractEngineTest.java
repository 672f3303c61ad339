package io.ocrbatch.activities.ocr.tesseract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocrbatch.activities.engines.OcrEngines;
import io.ocrbatch.activities.ocr.EngineUnavailableException;
import io.ocrbatch.activities.ocr.OcrEngine;
import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.samples.CharacterErrorRate;
import io.ocrbatch.activities.samples.PageRenderer;
import io.ocrbatch.activities.samples.SampleTexts;
import io.ocrbatch.workflows.JobTypeSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TesseractEngineTest {
  private static final JobTypeSpec ENG =
      new JobTypeSpec(
          1, "tesseract-eng", "tesseract", "eng", "eng", "unicode", "auto", List.of("txt", "json"));
  private static final JobTypeSpec BOD_WYLIE =
      new JobTypeSpec(
          3, "tesseract-bod-wylie", "tesseract", "bod", "bod", "wylie", "block", List.of("txt"));
  private final OcrEngines engines = new OcrEngines(OcrEngines.tessdataFromEnvironment());

  @Test
  void readsARenderedEnglishPageWithLinesWordsBoxesAndConfidences() {
    PageRenderer.Page page =
        new PageRenderer(PageRenderer.DEJAVU_SERIF, 46f, 1748, 900)
            .render(SampleTexts.englishWords(60), " ", 1.35);
    PageText text = engines.engineFor(ENG).recognize(page.image(), 300);

    double cer = CharacterErrorRate.of(String.join("\n", page.lines()), text.text());
    assertThat(cer).as("character error rate").isLessThanOrEqualTo(0.02);
    assertThat(text.lines()).hasSameSizeAs(page.lines());
    PageText.Line first = text.lines().get(0);
    assertThat(first.words()).isNotEmpty();
    assertThat(first.confidence()).isBetween(50f, 100f);
    assertThat(first.box().x1()).isLessThan(first.box().x2());
    assertThat(first.words().get(0).box().x2()).isLessThanOrEqualTo(first.box().x2());
  }

  @Test
  void convertsTibetanToWylieForWylieJobTypes() {
    PageRenderer.Page page =
        new PageRenderer(PageRenderer.TIBETAN_MACHINE, 56f, 1748, 500)
            .render(SampleTexts.tibetanSyllables(20), "", 1.6);
    PageText unicode = engines.engineFor(BOD_WYLIE).recognize(page.image(), 300);
    PageText wylie = engines.encode(unicode, BOD_WYLIE);

    assertThat(unicode.text()).contains("སངས་རྒྱས");
    assertThat(wylie.text()).contains("sangs rgyas").doesNotContain("སངས");
    assertThat(wylie.lines().get(0).words())
        .allSatisfy(w -> assertThat(w.text()).matches("[\\x20-\\x7e]+"));
  }

  @Test
  void aMissingModelSaysWhatToInstall() {
    JobTypeSpec klingon =
        new JobTypeSpec(
            9, "tesseract-tlh", "tesseract", "tlh", "tlh", "unicode", "auto", List.of("txt"));
    assertThatThrownBy(() -> engines.engineFor(klingon))
        .isInstanceOf(EngineUnavailableException.class)
        .hasMessageContaining("apt-get install -y tesseract-ocr-tlh");
    assertThatThrownBy(() -> new OcrEngines(Path.of("/nonexistent")).engineFor(ENG))
        .hasMessageContaining("/nonexistent/eng.traineddata is missing");
  }

  @Test
  void eachThreadGetsItsOwnHandle() throws Exception {
    OcrEngine mine = engines.engineFor(ENG);
    OcrEngine[] other = new OcrEngine[1];
    Thread t = new Thread(() -> other[0] = engines.engineFor(ENG));
    t.start();
    t.join();
    assertThat(engines.engineFor(ENG)).isSameAs(mine);
    assertThat(other[0]).isNotNull().isNotSameAs(mine);
  }
}
