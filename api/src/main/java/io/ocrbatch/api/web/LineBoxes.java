package io.ocrbatch.api.web;

import io.ocrbatch.activities.ocr.Box;
import io.ocrbatch.activities.ocr.PageText;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * A page image with its recognised lines boxed in red, as the web page and {@code ?annotate=true}
 * show it.
 */
final class LineBoxes {
  private LineBoxes() {}

  static BufferedImage drawn(BufferedImage gray, PageText page) {
    BufferedImage image =
        new BufferedImage(gray.getWidth(), gray.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.drawImage(gray, 0, 0, null);
      g.setColor(new Color(220, 30, 30));
      g.setStroke(new BasicStroke(Math.max(2f, gray.getWidth() / 600f)));
      for (PageText.Line line : page.lines()) {
        Box b = line.box();
        g.drawRect(b.x1(), b.y1(), b.x2() - b.x1(), b.y2() - b.y1());
      }
    } finally {
      g.dispose();
    }
    return image;
  }
}
