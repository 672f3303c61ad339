package io.ocrbatch.activities.ocr.tesseractlines;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.image.ImageDecoder;
import io.ocrbatch.activities.ocr.Polygon;
import io.ocrbatch.activities.testing.SharedData;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Line finding on real pecha pages of the shared OpenPecha set. */
class PechaLinesTest {
  private final ImageDecoder decoder = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);

  @Test
  void findsTheSevenLinesOfAWoodblockPageInOrderInsideItsFrame() throws Exception {
    // img_2: a binarized woodblock print, 7 dense lines in a double-ruled frame
    BufferedImage page = decoder.decodeGray(SharedData.pechaPage("img_2.png"));

    assertLines(PechaLines.find(page), 7, 40, 2006); // the frame's inner rules
  }

  @Test
  void leavesTheMarginsWithTheirVerticalTitlesAndThePageNumberOut() throws Exception {
    // img_5: a modern print, 6 lines; left and right of the frame, boxes with vertical text,
    // and the page number beyond the right one
    BufferedImage page = decoder.decodeGray(SharedData.pechaPage("img_5.png"));

    assertLines(PechaLines.find(page), 6, 1055, 5665); // the margin boxes' inner rules
  }

  @Test
  void aBlankOrTinyImageHasNoLines() {
    BufferedImage blank = new BufferedImage(1200, 300, BufferedImage.TYPE_BYTE_GRAY);
    java.awt.Graphics g = blank.getGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, 1200, 300);
    assertThat(PechaLines.find(blank)).isEmpty();
    assertThat(PechaLines.find(new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY))).isEmpty();
  }

  /** So many lines, top to bottom, each between the rules at x = left and right, none in it. */
  private static void assertLines(List<PechaLines.Line> lines, int count, int left, int right) {
    assertThat(lines).hasSize(count);
    assertTopToBottom(lines);
    assertThat(lines)
        .allSatisfy(
            line -> {
              assertThat(left(line)).as("right of the left rule").isGreaterThan(left);
              assertThat(right(line)).as("left of the right rule").isLessThan(right);
              assertNoRule(line);
            });
  }

  private static void assertTopToBottom(List<PechaLines.Line> lines) {
    for (int i = 1; i < lines.size(); i++)
      assertThat(centre(lines.get(i)))
          .as("line %d below line %d", i + 1, i)
          .isGreaterThan(centre(lines.get(i - 1)));
  }

  /** No run of ink across a line image as long as a rule: the longest is a few syllables. */
  private static void assertNoRule(PechaLines.Line line) {
    BufferedImage image = line.image();
    int longest = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      int run = 0;
      for (int x = 0; x < image.getWidth(); x++) {
        run = (image.getRaster().getSample(x, y, 0) < 128) ? run + 1 : 0;
        longest = Math.max(longest, run);
      }
    }
    assertThat(longest).as("longest run of ink in a line").isLessThan(image.getWidth() / 4);
  }

  private static double centre(PechaLines.Line line) {
    return line.outline().points().stream().mapToInt(Polygon.Point::y).average().orElseThrow();
  }

  private static int left(PechaLines.Line line) {
    return line.outline().points().stream().mapToInt(Polygon.Point::x).min().orElseThrow();
  }

  private static int right(PechaLines.Line line) {
    return line.outline().points().stream().mapToInt(Polygon.Point::x).max().orElseThrow();
  }
}
