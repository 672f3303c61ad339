package io.ocrbatch.activities.output.format;

import io.ocrbatch.activities.ocr.PageText;
import java.nio.charset.StandardCharsets;

/**
 * {@code md}: the page's lines as Markdown, each a hard line break, Markdown's characters escaped
 * (the web page's text.md).
 */
public final class MarkdownWriter implements PageWriter {
  @Override
  public String format() {
    return "md";
  }

  @Override
  public String extension() {
    return "md";
  }

  @Override
  public String contentType() {
    return "text/markdown; charset=utf-8";
  }

  @Override
  public byte[] render(PageResult page) {
    return markdown(page.page()).getBytes(StandardCharsets.UTF_8);
  }

  /** The page's lines, escaped, each ending in a Markdown hard break. */
  public static String markdown(PageText page) {
    StringBuilder md = new StringBuilder();
    for (PageText.Line line : page.lines()) md.append(escape(line.text())).append("  \n");
    return md.toString();
  }

  static String escape(String text) {
    return text == null ? "" : text.replaceAll("([\\\\`*_{}\\[\\]<>#|])", "\\\\$1");
  }
}
