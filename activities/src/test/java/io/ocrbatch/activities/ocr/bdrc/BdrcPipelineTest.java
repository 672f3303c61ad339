package io.ocrbatch.activities.ocr.bdrc;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import io.ocrbatch.activities.engines.OcrEngines;
import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.ocr.neural.CtcDecoder;
import io.ocrbatch.activities.ocr.neural.NeuralModels;
import io.ocrbatch.activities.ocr.neural.OpenCv;
import io.ocrbatch.activities.testing.ModelFixtures;
import io.ocrbatch.workflows.JobTypeSpec;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencv.core.Mat;

/**
 * The whole engine with tiny ONNX models in BDRC's model directories (config.json line and layout
 * models, a model_config.json Wylie recognizer without add_blank or version), against BDRC's own
 * {@code OCRPipeline.run_ocr} with the same models.
 */
class BdrcPipelineTest {
  @TempDir static Path root;
  static NeuralModels models;
  static ModelDirectory directory;
  static JsonNode golden;
  static BufferedImage page;

  @BeforeAll
  static void assemble() throws IOException {
    ModelFixtures.tinyBdrc(root);
    directory = ModelDirectory.scan(root);
    models = new NeuralModels(Device.cpu());
    golden = BdrcGolden.json("pipeline/result.json");
    page = ImageIO.read(BdrcGolden.path(golden.path("page").asText()).toFile());
  }

  @AfterAll
  static void close() {
    models.close();
  }

  private static BdrcEngine engine(String model, String encoding) {
    return new BdrcEngine(
        models, directory.resolve(model, "t"), false, BdrcOptions.DEFAULTS, encoding);
  }

  private static List<String> lines(PageText text) {
    return text.lines().stream().map(PageText.Line::text).toList();
  }

  private static List<String> golden(String model, String field) {
    List<String> out = new ArrayList<>();
    golden.path(model).path(field).forEach(t -> out.add(t.asText()));
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"lines", "layout"})
  void theLineMaskIsBdrcs(String model) {
    ModelConfig config = directory.models().get(model.equals("lines") ? "TinyLines" : "TinyLayout");
    Mat mask = new LineDetector(models, config).mask(OpenCv.gray(page));
    BdrcGolden.assertSame(mask, BdrcGolden.png(golden.path(model).path("mask").asText()), "mask");
  }

  @ParameterizedTest
  @ValueSource(strings = {"TinyWylie+TinyLines", "TinyWylie+TinyLayout"})
  void aWylieJobTypeGetsBdrcsWylieLinesInBdrcsOrder(String model) {
    List<String> expected = golden(model.endsWith("Lines") ? "lines" : "layout", "text");
    assertThat(expected).containsExactly("ka ka", "kaka ka ka", "ka ka ka");
    BdrcEngine engine = engine(model, "wylie");
    assertThat(engine.encoding()).isEqualTo("wylie");
    assertThat(engine.version())
        .startsWith("bdrc TinyWylie + Tiny")
        .endsWith("(OnnxRuntime, cpu())");
    assertThat(lines(engine.recognize(page, 300))).containsExactlyElementsOf(expected);
  }

  /**
   * Pages BDRC scales for its line model: wider than 4096 px (where a line comes out in two pieces)
   * and lower than a tile (where lines come out in many); the mask is scaled back.
   */
  @ParameterizedTest
  @ValueSource(strings = {"wide", "low"})
  void aScaledPageGetsBdrcsMaskAndLines(String name) throws IOException {
    JsonNode expected = golden.path(name);
    BufferedImage scaled = ImageIO.read(BdrcGolden.path(expected.path("page").asText()).toFile());
    Mat mask =
        new LineDetector(models, directory.models().get("TinyLines")).mask(OpenCv.gray(scaled));
    BdrcGolden.assertSame(
        mask, BdrcGolden.png(expected.path("lines").path("mask").asText()), name + " mask");
    List<String> text = new ArrayList<>();
    expected.path("lines").path("text").forEach(t -> text.add(t.asText()));
    assertThat(lines(engine("TinyWylie+TinyLines", "wylie").recognize(scaled, 300)))
        .containsExactlyElementsOf(text);
  }

  @Test
  void optionsOtherThanBdrcsDefaultsShowInTheVersion() {
    BdrcEngine engine =
        new BdrcEngine(
            models,
            directory.resolve("TinyWylie+TinyLines", "t"),
            false,
            new BdrcOptions(2.0, 3.0, true, 100),
            "unicode");
    assertThat(engine.version())
        .isEqualTo(
            "bdrc TinyWylie + TinyLines [k-factor 2.0, bbox-tolerance 3.0, merge-lines yes,"
                + " beam-width 100] (OnnxRuntime, cpu())");
    // merged or not, these lines come in one piece each: the same text
    assertThat(lines(engine.recognize(page, 300))).containsExactly("ཀ་ཀ", "ཀཀ་ཀ་ཀ", "ཀ་ཀ་ཀ");
  }

  @Test
  void aUnicodeJobTypeGetsEachLineConvertedAsAWholeTshegsIncluded() {
    // BDRC's Wylie lines above, converted by hand: a Wylie space (BDRC's §) is a tsheg
    assertThat(lines(engine("TinyWylie+TinyLines", "unicode").recognize(page, 300)))
        .containsExactly("ཀ་ཀ", "ཀཀ་ཀ་ཀ", "ཀ་ཀ་ཀ");
  }

  @Test
  void wylieThroughTheWorkersEnginesIsTheModelsOwnNotAConversionBack() {
    try (OcrEngines engines = new OcrEngines(OcrEngines.DEFAULT_TESSDATA, root)) {
      JobTypeSpec type =
          new JobTypeSpec(
              0, "tiny", "bdrc", "TinyWylie+TinyLines", "bo", "wylie", "block", List.of("txt"));
      PageText text = engines.encode(engines.engineFor(type).recognize(page, 300), type);
      assertThat(text.text()).isEqualTo("ka ka\nkaka ka ka\nka ka ka");
    }
  }

  @Test
  void readingLinesInBatchesGivesWhatReadingThemOneByOneGives() {
    Mat gray = OpenCv.gray(page);
    LineDetector detector = new LineDetector(models, directory.models().get("TinyLines"));
    List<Mat> crops = new ArrayList<>();
    LineExtraction.crops(gray, detector.mask(gray), BdrcOptions.DEFAULTS)
        .forEach(c -> crops.add(c.image()));
    LineRecognizer recognizer =
        new LineRecognizer(models, directory.models().get("TinyWylie"), 100);
    List<String> batched = new ArrayList<>(), alone = new ArrayList<>();
    recognizer.read(crops).forEach(r -> batched.add(CtcDecoder.text(r.symbols())));
    for (Mat crop : crops)
      alone.add(CtcDecoder.text(recognizer.read(List.of(crop)).get(0).symbols()));
    assertThat(batched).hasSize(3).isEqualTo(alone);
  }

  @Test
  void aLayoutModelsLinesAreTheClassNamedLine() throws IOException {
    // the same model with "line" named at plane 3 (its margin plane, always off): no line is read
    Path moved = Files.createDirectories(root.resolve("moved/TinyMoved"));
    Files.copy(root.resolve("TinyLayout/layout.onnx"), moved.resolve("layout.onnx"));
    Files.writeString(
        moved.resolve("config.json"),
        "{\"onnx-model\": \"layout.onnx\", \"patch_size\": 512,"
            + " \"classes\": [\"background\", \"image\", \"margin\", \"line\", \"caption\"]}");
    ModelConfig config = ModelConfig.read(moved);
    assertThat(config.isLayout()).isTrue();
    Mat mask = new LineDetector(models, config).mask(OpenCv.gray(page));
    assertThat(org.opencv.core.Core.countNonZero(mask)).isZero();
  }

  @Test
  void modelsReportTheirKindAndBdrcsDefaultsApply() {
    Map<String, ModelConfig> all = directory.models();
    assertThat(all).containsOnlyKeys("TinyLayout", "TinyLines", "TinyWylie");
    assertThat(all.get("TinyLines").isLayout()).isFalse();
    assertThat(all.get("TinyLayout").classes()).contains("line", "margin", "caption");
    assertThat(all.get("TinyWylie").addBlank()).isTrue(); // not in its model_config.json
    assertThat(all.get("TinyWylie").version()).isEmpty();
  }
}
