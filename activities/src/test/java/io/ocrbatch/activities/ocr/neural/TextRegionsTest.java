package io.ocrbatch.activities.ocr.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextRegionsTest {

  @Test
  void aSkewedLineBecomesOneTightRotatedRegion() {
    int w = 400, h = 200;
    float[] scores = new float[w * h];
    double angle = Math.toRadians(3);
    for (int x = 50; x < 350; x++) { // a 300×16 band rising 3° to the right
      int centre = (int) Math.round(100 - (x - 50) * Math.tan(angle));
      for (int y = centre - 8; y < centre + 8; y++) scores[y * w + x] = 0.95f;
    }
    List<Quad> regions = TextRegions.find(scores, w, h, TextRegions.Settings.PADDLE);
    assertThat(regions).hasSize(1);
    Quad q = regions.get(0);
    double slope =
        Math.toDegrees(Math.atan2(q.topLeft().y - q.topRight().y, q.topRight().x - q.topLeft().x));
    assertThat(slope).isCloseTo(3, within(0.5));
    assertThat(q.height()).as("grown by DB's unclip distance, not the skew").isBetween(20.0, 45.0);
  }

  @Test
  void regionsComeInReadingOrderAndFaintOnesAreDropped() {
    int w = 300, h = 200;
    float[] scores = new float[w * h];
    fill(scores, w, 160, 20, 280, 40, 0.9f); // right, top line
    fill(scores, w, 10, 22, 140, 42, 0.9f); // left, same line
    fill(scores, w, 10, 100, 280, 120, 0.9f); // second line
    fill(scores, w, 10, 160, 280, 180, 0.35f); // above the pixel threshold, below the region score
    List<Quad> regions = TextRegions.find(scores, w, h, TextRegions.Settings.PADDLE);
    assertThat(regions).hasSize(3);
    assertThat(regions.get(0).topLeft().x).isLessThan(regions.get(1).topLeft().x);
    assertThat(regions.get(2).topLeft().y).isGreaterThan(80);
  }

  private static void fill(float[] scores, int w, int x1, int y1, int x2, int y2, float v) {
    for (int y = y1; y < y2; y++) for (int x = x1; x < x2; x++) scores[y * w + x] = v;
  }
}
