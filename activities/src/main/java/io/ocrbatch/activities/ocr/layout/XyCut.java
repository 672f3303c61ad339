package io.ocrbatch.activities.ocr.layout;

import io.ocrbatch.activities.ocr.Box;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Recursive XY-cut on line boxes: a set of lines is split left to right at the white gutters that
 * run through all of it (columns come first, so lines of two columns never interleave), else top to
 * bottom at its widest white band, until neither cut exists. The pieces that are left, in the order
 * the cuts give, are runs of lines read top to bottom.
 */
final class XyCut {
  /** A column needs at least this many line heights of text beside a gutter. */
  static final double MIN_COLUMN_HEIGHT = 1.8;

  private final List<Box> boxes;
  private final double lineHeight;

  XyCut(List<Box> boxes, double lineHeight) {
    this.boxes = boxes;
    this.lineHeight = lineHeight;
  }

  /** The pieces (indexes into the boxes) in reading order. */
  List<List<Integer>> pieces() {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < boxes.size(); i++) all.add(i);
    List<List<Integer>> pieces = new ArrayList<>();
    cut(all, pieces);
    return pieces;
  }

  private void cut(List<Integer> lines, List<List<Integer>> pieces) {
    if (lines.size() < 2) {
      if (!lines.isEmpty()) pieces.add(lines);
      return;
    }
    List<List<Integer>> columns = columns(lines);
    if (columns.size() > 1) {
      for (List<Integer> column : columns) cut(column, pieces);
      return;
    }
    List<List<Integer>> bands = widestBand(lines);
    if (bands.size() > 1) {
      for (List<Integer> band : bands) cut(band, pieces);
      return;
    }
    pieces.add(lines);
  }

  /** Split at every gutter with a column of text on both sides; one list when there is none. */
  private List<List<Integer>> columns(List<Integer> lines) {
    List<List<Integer>> groups = groupsAlong(lines, true);
    if (groups.size() < 2) return List.of(lines);
    // a "column" one row high is a line split at a wide space: keep it with its neighbour
    List<List<Integer>> columns = new ArrayList<>();
    for (List<Integer> group : groups) {
      if (!columns.isEmpty() && (!tall(group) || !tall(columns.get(columns.size() - 1)))) {
        columns.get(columns.size() - 1).addAll(group);
      } else {
        columns.add(new ArrayList<>(group));
      }
    }
    return columns;
  }

  private boolean tall(List<Integer> lines) {
    int top = Integer.MAX_VALUE, bottom = Integer.MIN_VALUE;
    for (int i : lines) {
      top = Math.min(top, boxes.get(i).y1());
      bottom = Math.max(bottom, boxes.get(i).y2());
    }
    return bottom - top >= MIN_COLUMN_HEIGHT * lineHeight;
  }

  /** Split in two at the widest white band across all the lines; one list when there is none. */
  private List<List<Integer>> widestBand(List<Integer> lines) {
    List<List<Integer>> groups = groupsAlong(lines, false);
    if (groups.size() < 2) return List.of(lines);
    int widest = 0;
    long widestGap = -1;
    for (int g = 0; g + 1 < groups.size(); g++) {
      long gap = start(groups.get(g + 1), false) - end(groups.get(g), false);
      if (gap > widestGap) {
        widestGap = gap;
        widest = g;
      }
    }
    List<Integer> above = new ArrayList<>(), below = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) (g <= widest ? above : below).addAll(groups.get(g));
    return List.of(above, below);
  }

  /**
   * The lines grouped by the white gaps of their projection on one axis (x when {@code alongX}), in
   * order along it.
   */
  private List<List<Integer>> groupsAlong(List<Integer> lines, boolean alongX) {
    List<Integer> sorted = new ArrayList<>(lines);
    sorted.sort(Comparator.comparingInt(i -> alongX ? boxes.get(i).x1() : boxes.get(i).y1()));
    List<List<Integer>> groups = new ArrayList<>();
    int reach = Integer.MIN_VALUE;
    for (int i : sorted) {
      Box b = boxes.get(i);
      int from = alongX ? b.x1() : b.y1(), to = alongX ? b.x2() : b.y2();
      if (groups.isEmpty() || from > reach) groups.add(new ArrayList<>());
      groups.get(groups.size() - 1).add(i);
      reach = Math.max(reach, to);
    }
    return groups;
  }

  private int start(List<Integer> lines, boolean alongX) {
    return lines.stream()
        .mapToInt(i -> alongX ? boxes.get(i).x1() : boxes.get(i).y1())
        .min()
        .orElseThrow();
  }

  private int end(List<Integer> lines, boolean alongX) {
    return lines.stream()
        .mapToInt(i -> alongX ? boxes.get(i).x2() : boxes.get(i).y2())
        .max()
        .orElseThrow();
  }
}
