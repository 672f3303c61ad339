package io.ocrbatch.activities.ocr.layout;

import io.ocrbatch.activities.ocr.Box;
import io.ocrbatch.activities.ocr.PageText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The rows of a block: lines side by side on one baseline are pieces of one line. */
final class Rows {
  /** Two pieces share a row when they overlap vertically by this much of the lower one. */
  static final double SAME_ROW = 0.5;

  private Rows() {}

  /** The block's lines grouped into rows, top to bottom, each row left to right. */
  static List<List<Integer>> of(List<Integer> block, List<Box> boxes) {
    List<Integer> sorted = new ArrayList<>(block);
    sorted.sort(Comparator.comparingDouble(i -> centre(boxes.get(i))));
    List<List<Integer>> rows = new ArrayList<>();
    for (int i : sorted) {
      List<Integer> row = rows.isEmpty() ? null : rows.get(rows.size() - 1);
      if (row != null && sameRow(boxes.get(row.get(row.size() - 1)), boxes.get(i))) {
        row.add(i);
      } else {
        rows.add(new ArrayList<>(List.of(i)));
      }
    }
    for (List<Integer> row : rows) row.sort(Comparator.comparingInt(i -> boxes.get(i).x1()));
    return rows;
  }

  private static boolean sameRow(Box a, Box b) {
    int overlap = Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1());
    int lower = Math.min(a.y2() - a.y1(), b.y2() - b.y1());
    return overlap >= SAME_ROW * lower;
  }

  private static double centre(Box b) {
    return (b.y1() + b.y2()) / 2.0;
  }

  /** The pieces of one row as one line; a single piece is returned as it is. */
  static PageText.Line join(List<PageText.Line> pieces) {
    if (pieces.size() == 1) return pieces.get(0);
    StringBuilder text = new StringBuilder();
    List<PageText.Word> words = new ArrayList<>();
    Box box = pieces.get(0).box();
    double weighted = 0;
    int length = 0;
    for (PageText.Line piece : pieces) {
      if (text.length() > 0) text.append(' ');
      text.append(piece.text());
      words.addAll(piece.words());
      box = box.union(piece.box());
      weighted += piece.confidence() * piece.text().length();
      length += piece.text().length();
    }
    float confidence = (float) (length == 0 ? 0 : weighted / length);
    return new PageText.Line(text.toString(), box, confidence, null, List.copyOf(words));
  }
}
