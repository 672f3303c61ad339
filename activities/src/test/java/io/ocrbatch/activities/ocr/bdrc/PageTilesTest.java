package io.ocrbatch.activities.ocr.bdrc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencv.core.Core;
import org.opencv.core.Mat;

/**
 * The page a BDRC line model sees, against BDRC's own {@code preprocess_image}, {@code tile_image}
 * and {@code binarize} on pages that take each branch of its resize.
 */
class PageTilesTest {
  static List<JsonNode> cases() {
    return BdrcGolden.cases(BdrcGolden.json("tiles/cases.json"));
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("cases")
  void resizesPadsAndBinarisesEachTileAsBdrc(JsonNode golden) {
    Mat page = BdrcGolden.png(golden.path("page").asText());
    PageTiles tiles = PageTiles.of(page, 512);

    assertThat(tiles.width()).isEqualTo(golden.path("resized_width").asInt());
    assertThat(tiles.height()).isEqualTo(golden.path("resized_height").asInt());
    assertThat(tiles.columns()).isEqualTo(golden.path("x_steps").asInt());
    assertThat(tiles.rows()).isEqualTo(golden.path("y_steps").asInt());
    BdrcGolden.assertSame(
        tiles.padded(), BdrcGolden.png(golden.path("resized").asText()), "padded page");
    List<Mat> rows = new ArrayList<>();
    for (int r = 0; r < tiles.rows(); r++) {
      List<Mat> row = new ArrayList<>();
      for (int c = 0; c < tiles.columns(); c++) row.add(tiles.binarized(r * tiles.columns() + c));
      Mat joined = new Mat();
      Core.hconcat(row, joined);
      rows.add(joined);
    }
    Mat mosaic = new Mat();
    Core.vconcat(rows, mosaic);
    BdrcGolden.assertSame(
        mosaic, BdrcGolden.png(golden.path("binarized_tiles").asText()), "binarized tiles");
  }
}
