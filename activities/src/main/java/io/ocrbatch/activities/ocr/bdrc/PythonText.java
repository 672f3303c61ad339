package io.ocrbatch.activities.ocr.bdrc;

/**
 * Python's idea of whitespace ({@code str.split()}, {@code str.isspace()}), which BDRC's text steps
 * use.
 */
final class PythonText {
  private PythonText() {}

  static boolean isSpace(int codePoint) {
    return Character.isWhitespace(codePoint)
        || codePoint == 0x85
        || codePoint == 0xa0
        || codePoint == 0x2007
        || codePoint == 0x202f;
  }

  static String withoutWhitespace(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().filter(c -> !isSpace(c)).forEach(out::appendCodePoint);
    return out.toString();
  }

  /** The last whitespace-separated word, or "" when there is none ({@code text.split()[-1:]}). */
  static String lastWord(String text) {
    int end = text.length();
    while (end > 0 && isSpace(text.codePointBefore(end)))
      end -= Character.charCount(text.codePointBefore(end));
    int start = end;
    while (start > 0 && !isSpace(text.codePointBefore(start)))
      start -= Character.charCount(text.codePointBefore(start));
    return text.substring(start, end);
  }
}
