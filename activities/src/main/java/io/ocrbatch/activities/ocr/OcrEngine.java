package io.ocrbatch.activities.ocr;

import java.awt.image.BufferedImage;

/** The engine SPI: a page image in, lines and words with boxes, text and confidences out. */
public interface OcrEngine extends AutoCloseable {

  PageText recognize(BufferedImage grayPage, int dpi);

  /** Engine name and version, for manifests (provenance). */
  String version();

  /**
   * The encoding of the text it gives ({@code unicode}, or {@code wylie} for an engine that reads
   * Wylie itself and was made for a Wylie job type); other text is converted to the job type's.
   */
  default String encoding() {
    return "unicode";
  }

  @Override
  void close();
}
