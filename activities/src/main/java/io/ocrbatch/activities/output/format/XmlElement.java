package io.ocrbatch.activities.output.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small XML element tree written indented, UTF-8, escaped, for the XML page formats (PAGE, ALTO,
 * hOCR). Characters XML 1.0 cannot hold are dropped; everything else (Tibetan included) is written
 * as is.
 */
final class XmlElement {
  private final String name;
  private final Map<String, String> attributes = new LinkedHashMap<>();
  private final List<XmlElement> children = new ArrayList<>();
  private String text;

  XmlElement(String name) {
    this.name = name;
  }

  XmlElement attr(String key, Object value) {
    if (value != null) attributes.put(key, String.valueOf(value));
    return this;
  }

  /** A new child element, returned for filling. */
  XmlElement add(String child) {
    XmlElement element = new XmlElement(child);
    children.add(element);
    return element;
  }

  XmlElement text(String content) {
    this.text = content;
    return this;
  }

  byte[] document(String doctype) {
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if (doctype != null) out.append(doctype).append('\n');
    write(out, 0);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void write(StringBuilder out, int depth) {
    out.append("  ".repeat(depth)).append('<').append(name);
    attributes.forEach(
        (k, v) -> out.append(' ').append(k).append("=\"").append(escape(v, true)).append('"'));
    if (children.isEmpty() && text == null) {
      out.append("/>\n");
      return;
    }
    out.append('>');
    if (text != null) out.append(escape(text, false));
    if (!children.isEmpty()) {
      out.append('\n');
      for (XmlElement child : children) child.write(out, depth + 1);
      out.append("  ".repeat(depth));
    }
    out.append("</").append(name).append(">\n");
  }

  static String escape(String s, boolean attribute) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\n', '\r', '\t' -> out.append(attribute ? "&#" + c + ";" : (char) c);
                default -> {
                  if (allowed(c)) out.appendCodePoint(c);
                }
              }
            });
    return out.toString();
  }

  private static boolean allowed(int c) {
    return (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
  }
}
