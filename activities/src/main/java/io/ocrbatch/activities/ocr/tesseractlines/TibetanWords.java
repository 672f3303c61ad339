package io.ocrbatch.activities.ocr.tesseractlines;

import io.ocrbatch.activities.ocr.Box;
import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.ocr.Polygon;
import java.util.ArrayList;
import java.util.List;

/**
 * Tibetan writes no spaces between syllables (the tsheg separates them); a space follows only a
 * shad. Tesseract, reading a line alone, splits words at wider gaps between letters; such pieces
 * are joined again, so that a line reads {@code རྣམས} where Tesseract gave {@code རྣ མས}.
 */
final class TibetanWords {
  private TibetanWords() {}

  static List<PageText.Word> joined(List<PageText.Word> words) {
    List<PageText.Word> out = new ArrayList<>();
    for (PageText.Word word : words) {
      PageText.Word last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && joins(last.text(), word.text()))
        out.set(out.size() - 1, join(last, word));
      else out.add(word);
    }
    return out;
  }

  /** Whether no space belongs between the two: Tibetan on both sides and no shad before. */
  static boolean joins(String left, String right) {
    if (left.isEmpty() || right.isEmpty()) return false;
    int before = left.codePointBefore(left.length()), after = right.codePointAt(0);
    return tibetan(before) && tibetan(after) && !shad(before);
  }

  private static boolean tibetan(int c) {
    return Character.UnicodeScript.of(c) == Character.UnicodeScript.TIBETAN;
  }

  /** The shads and other marks a space may follow (U+0F00 to U+0F14: head marks, shads). */
  private static boolean shad(int c) {
    return c >= 0x0F00 && c <= 0x0F14 && c != 0x0F0B && c != 0x0F0C;
  }

  private static PageText.Word join(PageText.Word a, PageText.Word b) {
    Box box = a.box().union(b.box());
    return new PageText.Word(
        a.text() + b.text(),
        box,
        Math.min(a.confidence(), b.confidence()),
        a.polygon() == null || b.polygon() == null ? null : Polygon.of(box));
  }
}
