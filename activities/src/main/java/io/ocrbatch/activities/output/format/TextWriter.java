package io.ocrbatch.activities.output.format;

import java.nio.charset.StandardCharsets;

/** {@code txt}: the recognised text, one line per text line. */
final class TextWriter implements PageWriter {
  @Override
  public String format() {
    return "txt";
  }

  @Override
  public String extension() {
    return "txt";
  }

  @Override
  public String contentType() {
    return "text/plain; charset=utf-8";
  }

  @Override
  public byte[] render(PageResult page) {
    return (page.page().text() + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
