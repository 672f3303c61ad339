package io.ocrbatch.activities.ocr.nullengine;

import io.ocrbatch.activities.ocr.Box;
import io.ocrbatch.activities.ocr.OcrEngine;
import io.ocrbatch.activities.ocr.PageText;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Recognises nothing, instantly: model {@code empty} gives a page without text, model {@code text}
 * gives one line of {@link #TEXT} across the top of the page. For tests and orchestration
 * benchmarks, which then measure everything but OCR.
 */
final class NullEngine implements OcrEngine {
  static final String TEXT = "The quick brown fox jumps over the lazy dog";

  private final String model;

  NullEngine(String model) {
    this.model = model;
  }

  @Override
  public PageText recognize(BufferedImage grayPage, int dpi) {
    int width = grayPage.getWidth();
    int height = grayPage.getHeight();
    if (!NullEngineProvider.TEXT_MODEL.equals(model)) return new PageText(width, height, List.of());
    String[] words = TEXT.split(" ");
    int lineHeight = Math.max(1, height / 20);
    int wordWidth = Math.max(1, width / words.length);
    List<PageText.Word> placed = new ArrayList<>();
    for (int i = 0; i < words.length; i++) {
      placed.add(
          new PageText.Word(
              words[i], new Box(i * wordWidth, 0, (i + 1) * wordWidth - 1, lineHeight), 100f));
    }
    PageText.Line line =
        new PageText.Line(
            TEXT, new Box(0, 0, words.length * wordWidth - 1, lineHeight), 100f, placed);
    return PageText.oneRegion(width, height, List.of(line));
  }

  @Override
  public String version() {
    return NullEngineProvider.version(model);
  }

  @Override
  public void close() {}
}
