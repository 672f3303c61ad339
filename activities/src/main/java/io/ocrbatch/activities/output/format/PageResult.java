package io.ocrbatch.activities.output.format;

import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.page.Provenance;
import java.awt.image.BufferedImage;

/**
 * What a writer gets for one page: the page model, its provenance (source image included), how long
 * its OCR took, and the decoded image the engine saw when the page was just OCRed (null when a
 * format is added later from the JSON; no page format needs it: the PDF is written per volume).
 */
public record PageResult(
    PageText page, Provenance provenance, long durationMs, BufferedImage image) {}
