package io.ocrbatch.activities.ocr.bdrc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencv.core.Rect;

/**
 * Line boxes, order and images from a hand-made mask on a page skewed by 1.2°, against BDRC's own
 * {@code build_raw_line_data}, {@code filter_line_contours}, {@code sort_lines_by_threshold2} and
 * {@code extract_line_images}: the second and fourth lines come in two pieces (cut at tile edges,
 * one piece lower), a speck and a sliver are noise.
 */
class LineExtractionTest {
  static JsonNode golden;
  static LineExtraction.Turned turned;

  @BeforeAll
  static void turn() {
    golden = BdrcGolden.json("lines/cases.json");
    turned =
        LineExtraction.turned(
            BdrcGolden.png(golden.path("page").asText()),
            BdrcGolden.png(golden.path("mask").asText()));
  }

  @Test
  void turnsThePageByTheMeanSkewOfItsLines() {
    assertThat(turned.angle()).isEqualTo(golden.path("angle").asDouble());
    BdrcGolden.assertSame(
        turned.mask(), BdrcGolden.png(golden.path("rotated_mask").asText()), "turned mask");
  }

  @Test
  void keepsLinesWiderThanOnePercentAndTallerThanTenPixels() {
    assertThat(LineExtraction.contours(turned.mask(), 10)).hasSize(golden.path("contours").asInt());
    assertThat(LineExtraction.lines(turned.mask(), false))
        .hasSize(golden.path("filtered").asInt())
        .hasSize(7); // 5 lines, two of them in two pieces; the speck and the sliver are gone
  }

  @ParameterizedTest(name = "merge {0}, k {1}, tolerance {2}")
  @CsvSource({"false, 2.5, 4.0", "true, 2.5, 4.0", "false, 1.5, 3.0", "true, 1.5, 3.0"})
  void ordersAndCutsLinesAsBdrc(boolean merge, double k, double tolerance) {
    JsonNode expected = golden.path((merge ? "merged" : "unmerged") + "-k" + k + "-t" + tolerance);
    assertThat(LineOrder.threshold(turned.mask())).isEqualTo(expected.path("threshold").asDouble());

    List<LineOrder.Line> lines = LineExtraction.lines(turned.mask(), merge);
    List<String> boxes = new ArrayList<>(), goldenBoxes = new ArrayList<>();
    for (LineOrder.Line line : lines) {
      Rect b = line.box();
      boxes.add(b.x + "," + b.y + "," + b.width + "," + b.height);
    }
    expected
        .path("lines")
        .forEach(l -> goldenBoxes.add(l.path("bbox").toString().replaceAll("[\\[\\]]", "")));
    assertThat(boxes).containsExactlyElementsOf(goldenBoxes);

    List<LineExtraction.Crop> crops =
        LineExtraction.cut(turned, lines, new BdrcOptions(k, tolerance, merge, 100));
    assertThat(crops).hasSize(goldenBoxes.size());
    for (int i = 0; i < crops.size(); i++) {
      String image = expected.path("lines").get(i).path("image").asText();
      BdrcGolden.assertSame(crops.get(i).image(), BdrcGolden.png(image), image);
    }
  }
}
