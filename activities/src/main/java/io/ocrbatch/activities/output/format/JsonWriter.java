package io.ocrbatch.activities.output.format;

import io.ocrbatch.activities.page.PageJson;

/**
 * {@code json}: everything ({@link PageJson}); always written, last, as the mark of a page's OCR
 * being done.
 */
final class JsonWriter implements PageWriter {
  static final String FORMAT = "json";

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public String extension() {
    return "json";
  }

  @Override
  public String contentType() {
    return "application/json";
  }

  @Override
  public byte[] render(PageResult page) {
    return PageJson.write(page.page(), page.provenance(), page.durationMs());
  }
}
