package io.ocrbatch.activities.ocr.paddle;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.ocrbatch.activities.image.ImageDecoder;
import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.ocr.neural.NeuralModels;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PP-OCRv4 on a real two-column magazine page (UNLV-ISRI 8087_054, 300 dpi bilevel G4, from
 * samples/real-scans): its top third, the dateline over the start of both columns.
 */
class MultiColumnScanTest {
  static NeuralModels models;
  static PageText page;

  @BeforeAll
  static void load() throws Exception {
    models = new NeuralModels(Device.cpu());
    BufferedImage scan =
        new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS)
            .decodeGray(Path.of("../samples/real-scans/8087_054.3B.tif"));
    BufferedImage top = scan.getSubimage(0, 0, scan.getWidth(), 1040);
    page = new PaddleOcrEngine(models, "en", 6).recognize(top, 300);
  }

  @AfterAll
  static void close() {
    models.close();
  }

  @Test
  void readsTheLeftColumnToItsEndBeforeTheRightOne() {
    List<String> lines = page.lines().stream().map(PageText.Line::text).toList();

    int leftFirst = indexOf(lines, "\"This is Greater Serbia");
    int leftSecond = indexOf(lines, "On returning to the region");
    int leftLast = indexOf(lines, "ered time and war");
    int rightFirst = indexOf(lines, "need receives flour");
    int rightSecond = indexOf(lines, "mackerel oil");
    assertThat(List.of(leftFirst, leftSecond, leftLast, rightFirst, rightSecond))
        .as(String.join("\n", lines))
        .isSorted()
        .doesNotContain(-1);
    assertThat(leftSecond).isEqualTo(leftFirst + 1); // not a right-column line in between
    assertThat(rightFirst).isEqualTo(leftLast + 1);
  }

  @Test
  void eachColumnIsARegionOfItsOwn() {

    List<PageText.Region> columns =
        page.regions().stream().filter(r -> r.lines().size() >= 5).toList();
    assertThat(columns).hasSize(2);
    assertThat(columns.get(0).box().x2()).isLessThan(1288); // where the right column starts
    assertThat(columns.get(1).box().x1()).isGreaterThan(1261); // where the left one ends
    assertThat(columns.get(0).lines().get(0).text()).startsWith("\"This is Greater Serbia");
  }

  private static int indexOf(List<String> lines, String start) {
    for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith(start)) return i;
    return -1;
  }
}
