package io.ocrbatch.activities.ocr.bdrc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocrbatch.activities.ocr.neural.OpenCv;
import io.ocrbatch.activities.testing.ModelFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * A recognizer's input, against BDRC's own {@code _pre_pad} and {@code _prepare_ocr_line} for a
 * wide line (scaled to the input's width, black above and below) and a narrow one (scaled to its
 * height, black left and right), at BDRC's 2000×80.
 */
class LinePreprocessingTest {
  @TempDir static Path root;
  static ModelConfig config;

  @BeforeAll
  static void model() throws IOException {
    OpenCv.load();
    Path dir = Files.createDirectories(root.resolve("Woodblock"));
    Files.write(dir.resolve("w.onnx"), new byte[] {1});
    config =
        ModelConfig.read(
            ModelFixtures.write(
                dir,
                Map.of(
                    "onnx-model", "w.onnx",
                    "input_width", 2000,
                    "input_height", 80,
                    "encoder", "wylie",
                    "charset", "ka§_")));
  }

  static List<JsonNode> cases() {
    return BdrcGolden.cases(BdrcGolden.json("recognizer/cases.json"));
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("cases")
  void padsBlackAndCentredThenBinarisesAsBdrc(JsonNode golden) {
    Mat line = BdrcGolden.png(golden.path("line").asText());
    BdrcGolden.assertSame(
        LinePreprocessing.pad(LinePreprocessing.padSides(line), 2000, 80),
        BdrcGolden.png(golden.path("padded").asText()),
        "padded line");

    float[] input = LinePreprocessing.prepare(line, config);
    Mat expected = BdrcGolden.png(golden.path("input").asText());
    byte[] pixels = OpenCv.bytes(expected);
    assertThat(input).hasSize(pixels.length);
    int differ = 0;
    for (int i = 0; i < pixels.length; i++)
      if (input[i] != (float) ((pixels[i] & 0xff) / 127.5 - 1.0)) differ++;
    assertThat(differ).as("input values unlike BDRC's").isZero();
  }

  @Test
  void swapsHeightAndWidthOnRequestAndScalesToMinusOneOne() {
    Mat m = new Mat(2, 3, CvType.CV_8UC1);
    m.put(0, 0, new byte[] {0, (byte) 255, (byte) 128, 0, 0, (byte) 255});
    float[] rows = LinePreprocessing.scaled(m, false);
    assertThat(rows[0]).isEqualTo(-1f);
    assertThat(rows[1]).isEqualTo(1f);
    assertThat(rows[2]).isCloseTo(128 / 127.5f - 1, within(1e-6f));
    float[] columns = LinePreprocessing.scaled(m, true); // [W=3][H=2]
    assertThat(columns).containsExactly(rows[0], rows[3], rows[1], rows[4], rows[2], rows[5]);
  }

  @Test
  void aLineFitsByWidthWhenRelativelyWiderThanTheInputElseByHeight() {
    LinePreprocessing.Fit wide = LinePreprocessing.fit(4000, 40, 2000, 80); // ×0.5, 20 px high
    assertThat(wide).isEqualTo(new LinePreprocessing.Fit(0.5, 2000, 20, 0, 30));
    LinePreprocessing.Fit narrow = LinePreprocessing.fit(400, 40, 2000, 80); // ×2, 800 px wide
    assertThat(narrow).isEqualTo(new LinePreprocessing.Fit(2.0, 800, 80, 600, 0));
  }
}
