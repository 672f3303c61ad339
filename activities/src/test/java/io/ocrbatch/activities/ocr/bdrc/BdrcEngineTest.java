package io.ocrbatch.activities.ocr.bdrc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.ocrbatch.activities.engines.OcrEngines;
import io.ocrbatch.activities.ocr.EngineUnavailableException;
import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.ocr.neural.NeuralModels;
import io.ocrbatch.activities.samples.CharacterErrorRate;
import io.ocrbatch.activities.samples.PageRenderer;
import io.ocrbatch.activities.samples.SampleTexts;
import io.ocrbatch.activities.testing.ModelFixtures;
import io.ocrbatch.workflows.JobTypeSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BDRC model-directory engine on directories assembled around PP-OCRv4's recognition and
 * detection models, and around a TorchScript model (DJL PyTorch).
 */
class BdrcEngineTest {
  @TempDir static Path root;
  static NeuralModels models;
  static ModelDirectory directory;

  @BeforeAll
  static void assemble() {
    ModelFixtures.paddleRecognition(root, "PaddleRec");
    ModelFixtures.paddleLines(root, "PaddleLines");
    ModelFixtures.torchScript(root, "TorchRec");
    directory = ModelDirectory.scan(root);
    models = new NeuralModels(Device.cpu());
  }

  @AfterAll
  static void close() {
    models.close();
  }

  private static PageRenderer.Page english(int width, int height, int words) {
    return new PageRenderer(PageRenderer.DEJAVU_SERIF, 25, width, height)
        .render(new ArrayList<>(SampleTexts.englishWords(words)), " ", 1.6);
  }

  private static String withoutSpaces(String text) {
    return text.replaceAll("\\s+", "");
  }

  @Test
  void readsASingleLineWithBdrcPreprocessingItsSpacesDroppedAsBdrcDrops() {
    String truth = "The reading room opened at nine, and by ten";
    BdrcEngine engine =
        new BdrcEngine(
            models, directory.resolve("PaddleRec", "t"), true, BdrcOptions.DEFAULTS, "unicode");
    PageText text = engine.recognize(ModelFixtures.lineImage(truth), 150);
    // BDRC's decoding removes every space: its models write none (a Wylie tsheg is "§")
    assertThat(text.text()).doesNotContain(" ");
    assertThat(CharacterErrorRate.of(withoutSpaces(truth), text.text())).isLessThan(0.05);
    assertThat(text.lines()).hasSize(1);
    assertThat(text.lines().get(0).confidence()).isGreaterThan(80f);
    assertThat(engine.version()).isEqualTo("bdrc PaddleRec test-1 (OnnxRuntime, cpu())");
  }

  @Test
  void findsLinesWithTheTiledLineModelThenReadsThem() {
    PageRenderer.Page page = english(1100, 700, 120); // 3 × 2 tiles of 512
    BdrcEngine engine =
        new BdrcEngine(
            models,
            directory.resolve("PaddleRec+PaddleLines", "t"),
            false,
            new BdrcOptions(2.5, 4.0, true, 100), // PP-OCR's detector cuts lines at tile edges
            "unicode");
    PageText text = engine.recognize(page.image(), 150);
    assertThat(text.lines()).hasSize(page.lines().size());
    assertThat(
            CharacterErrorRate.of(
                withoutSpaces(String.join("\n", page.lines())), withoutSpaces(text.text())))
        .isLessThan(0.05);
  }

  @Test
  void runsTorchScriptModelsOnPyTorch() {
    BdrcEngine engine =
        new BdrcEngine(
            models, directory.resolve("TorchRec", "t"), true, BdrcOptions.DEFAULTS, "unicode");
    PageText text = engine.recognize(ModelFixtures.lineImage("ab"), 150);
    assertThat(text.text())
        .isEqualTo("b"); // the stand-in reads class 2 at every step: one "b" after CTC
    assertThat(engine.version()).contains("PyTorch");
  }

  @Test
  void aModelThatReadsSingleLinesNeedsALineModelForPages() {
    assertThatThrownBy(
            () ->
                new BdrcEngine(
                    models,
                    directory.resolve("PaddleRec", "t"),
                    false,
                    BdrcOptions.DEFAULTS,
                    "unicode"))
        .isInstanceOf(EngineUnavailableException.class)
        .hasMessageContaining("name a line model as 'PaddleRec+<LineModel>'");
  }

  @Test
  void jobTypesReachTheEngineThroughOcrEngines() {
    try (OcrEngines engines = new OcrEngines(OcrEngines.DEFAULT_TESSDATA, root)) {
      JobTypeSpec type =
          new JobTypeSpec(
              0, "bdrc-test", "bdrc", "TorchRec", "bo", "unicode", "line", List.of("txt"));
      assertThat(engines.check(type)).startsWith("bdrc TorchRec");
      JobTypeSpec missing =
          new JobTypeSpec(
              0, "bdrc-x", "bdrc", "Woodblock", "bo", "unicode", "line", List.of("txt"));
      assertThatThrownBy(() -> engines.check(missing))
          .isInstanceOf(EngineUnavailableException.class)
          .hasMessageContaining("needs model 'Woodblock', which is not in");
    }
  }
}
