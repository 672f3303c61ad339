package io.ocrbatch.activities.ocr;

import java.awt.image.BufferedImage;

/** The engine SPI: a page image in, lines and words with boxes, text and confidences out. */
public interface OcrEngine extends AutoCloseable {

  PageText recognize(BufferedImage grayPage, int dpi);

  /** Engine name and version, for manifests (provenance). */
  String version();

  @Override
  void close();
}
