package io.ocrbatch.activities.samples;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders text as a scanned-looking page (8-bit gray, white paper, black text) with Java2D, and
 * returns the lines as they were laid out: the ground truth for character-error-rate tests.
 */
public final class PageRenderer {
  public static final Path DEJAVU_SERIF =
      Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf");
  public static final Path TIBETAN_MACHINE =
      Path.of("/usr/share/fonts/truetype/tibetan-machine/TibetanMachineUni.ttf");

  /** A rendered page and the text on it, one entry per line. */
  public record Page(BufferedImage image, List<String> lines) {}

  private final Font font;
  private final int width;
  private final int height;
  private final int margin;

  /**
   * @param fontFile a TrueType font (Debian packages fonts-dejavu-core, fonts-tibetan-machine)
   * @param pixelSize the font size in pixels (e.g. 12 pt at 300 dpi = 50 px)
   */
  public PageRenderer(Path fontFile, float pixelSize, int width, int height) {
    if (!Files.isRegularFile(fontFile)) {
      throw new IllegalStateException(
          "font "
              + fontFile
              + " is missing: apt-get install -y fonts-dejavu-core fonts-tibetan-machine");
    }
    try {
      this.font = Font.createFont(Font.TRUETYPE_FONT, fontFile.toFile()).deriveFont(pixelSize);
    } catch (FontFormatException | IOException e) {
      throw new IllegalStateException("cannot load font " + fontFile + ": " + e.getMessage(), e);
    }
    this.width = width;
    this.height = height;
    this.margin = width / 12;
  }

  /**
   * Lays words out in lines that fit the page, as many lines as fit, and draws them.
   *
   * @param words the text, consumed from the front; what does not fit stays in the list
   * @param separator what joins words on a line (" " for English, "" for Tibetan whose units end in
   *     tsheg)
   */
  public Page render(List<String> words, String separator, double lineSpacing) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(Color.BLACK);
      g.setFont(font);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      FontMetrics metrics = g.getFontMetrics();
      int step = (int) Math.round(metrics.getHeight() * lineSpacing);
      List<String> lines = new ArrayList<>();
      for (int y = margin + metrics.getAscent();
          y + metrics.getDescent() < height - margin && !words.isEmpty();
          y += step) {
        String line = takeLine(words, separator, metrics, width - 2 * margin);
        g.drawString(line, margin, y);
        lines.add(line);
      }
      return new Page(image, lines);
    } finally {
      g.dispose();
    }
  }

  private static String takeLine(
      List<String> words, String separator, FontMetrics metrics, int maxWidth) {
    StringBuilder line = new StringBuilder(words.remove(0));
    while (!words.isEmpty() && metrics.stringWidth(line + separator + words.get(0)) <= maxWidth) {
      line.append(separator).append(words.remove(0));
    }
    return line.toString();
  }
}
