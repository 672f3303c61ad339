package io.ocrbatch.activities.ocr.tesseractlines;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Where a line Tesseract finds nothing in is cut in two. */
class LineReaderTest {

  @Test
  void aLineIsCutInTheWidestBlankNearItsMiddle() {
    // strokes at 0-100, 110-480, 530-900, 905-1000: the 50 px gap near the middle wins
    BufferedImage line = line(new int[][] {{0, 100}, {110, 480}, {530, 900}, {905, 1000}});
    assertThat(LineReader.blankNearMiddle(line)).isEqualTo(505);
  }

  @Test
  void aLineWithoutABlankBetweenStrokesIsNotCut() {
    assertThat(LineReader.blankNearMiddle(line(new int[][] {{0, 1000}}))).isEqualTo(-1);
    assertThat(LineReader.blankNearMiddle(line(new int[][] {{100, 900}}))).isEqualTo(-1);
  }

  private static BufferedImage line(int[][] strokes) {
    BufferedImage image = new BufferedImage(1000, 40, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 1000, 40);
    g.setColor(Color.BLACK);
    for (int[] s : strokes) g.fillRect(s[0], 5, s[1] - s[0], 30);
    g.dispose();
    return image;
  }
}
