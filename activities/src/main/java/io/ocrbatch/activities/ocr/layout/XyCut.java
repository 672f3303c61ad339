package io.ocrbatch.activities.ocr.layout;

import io.ocrbatch.activities.ocr.Box;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Recursive XY-cut on line boxes: a set of lines is split left to right at a gutter with a column
 * of text on each side (columns come first, so lines of two columns never interleave), else top to
 * bottom at its widest white band, until neither cut exists. A gutter may be crossed by a few lines
 * (a headline, a caption between the columns): those are read before the columns when they are
 * above them, after them otherwise. The runs of lines left, in the order the cuts give, are the
 * blocks, except that runs a white band cut apart stack again when close and in line.
 */
final class XyCut {
  /**
   * A column needs at least this many line heights of text beside a gutter: stacked lines, or one
   * tall piece (a label in the margin), never the pieces of one row.
   */
  static final double MIN_COLUMN_HEIGHT = 1.8;

  /** At most this share of the lines may cross a gutter. */
  static final double MAX_CROSSING = 0.1;

  private final List<Box> boxes;
  private final double lineHeight;

  XyCut(List<Box> boxes, double lineHeight) {
    this.boxes = boxes;
    this.lineHeight = lineHeight;
  }

  /** A run of lines; {@code sealed} once a gutter cut made it, so it stacks with nothing. */
  private record Block(List<Integer> lines, boolean sealed) {}

  /** The blocks (indexes into the boxes) in reading order, each with its lines in any order. */
  List<List<Integer>> blocks() {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < boxes.size(); i++) all.add(i);
    return cut(all).stream().map(Block::lines).toList();
  }

  private List<Block> cut(List<Integer> lines) {
    if (lines.isEmpty()) return List.of();
    Gutter gutter = lines.size() < 2 ? null : gutter(lines);
    if (gutter != null) {
      List<Integer> above = new ArrayList<>(), below = new ArrayList<>();
      int columnsTop = Math.min(top(gutter.left()), top(gutter.right()));
      for (int i : gutter.crossing()) (boxes.get(i).y2() <= columnsTop ? above : below).add(i);
      List<Block> blocks = new ArrayList<>();
      for (List<Integer> part : List.of(above, gutter.left(), gutter.right(), below))
        for (Block b : cut(part)) blocks.add(new Block(b.lines(), true));
      return blocks;
    }
    List<List<Integer>> bands = lines.size() < 2 ? List.of(lines) : widestBand(lines);
    if (bands.size() == 1) return List.of(new Block(new ArrayList<>(lines), false));
    List<Block> blocks = new ArrayList<>(cut(bands.get(0)));
    List<Block> lower = cut(bands.get(1));
    Block last = blocks.get(blocks.size() - 1), first = lower.get(0);
    if (!last.sealed() && !first.sealed() && stacks(box(last.lines()), box(first.lines()))) {
      List<Integer> merged = new ArrayList<>(last.lines());
      merged.addAll(first.lines());
      blocks.set(blocks.size() - 1, new Block(merged, false));
      blocks.addAll(lower.subList(1, lower.size()));
    } else {
      blocks.addAll(lower);
    }
    return blocks;
  }

  /**
   * Whether a run continues the one above it in one block: close (at most {@link
   * PageLayout#BLOCK_GAP} line heights between) and in line (overlapping by {@link
   * PageLayout#STACK_OVERLAP} of the narrower, so a paragraph's short last line stays in).
   */
  private boolean stacks(Box above, Box below) {
    int gap = below.y1() - above.y2();
    int overlap = Math.min(above.x2(), below.x2()) - Math.max(above.x1(), below.x1());
    int narrower = Math.min(above.x2() - above.x1(), below.x2() - below.x1());
    return gap <= PageLayout.BLOCK_GAP * lineHeight
        && overlap >= PageLayout.STACK_OVERLAP * narrower;
  }

  private Box box(List<Integer> lines) {
    return lines.stream().map(boxes::get).reduce(Box::union).orElseThrow();
  }

  /** Lines left and right of a gutter, and the few that cross it. */
  record Gutter(List<Integer> left, List<Integer> right, List<Integer> crossing) {}

  /**
   * The gutter crossed by the fewest lines (at most {@link #MAX_CROSSING} of them) with a column on
   * each side; the most even split among equals. Null when there is none.
   */
  private Gutter gutter(List<Integer> lines) {
    int n = lines.size();
    int allowed = (int) Math.floor(MAX_CROSSING * n);
    // lines by right edge (those left of x are a prefix) and by left edge (right of x: a suffix),
    // with the vertical extent of every prefix and suffix, so each candidate costs a lookup
    List<Integer> byRight = new ArrayList<>(lines), byLeft = new ArrayList<>(lines);
    byRight.sort(Comparator.comparingInt(i -> boxes.get(i).x2()));
    byLeft.sort(Comparator.comparingInt(i -> boxes.get(i).x1()));
    int[] rights = byRight.stream().mapToInt(i -> boxes.get(i).x2()).toArray();
    int[] lefts = byLeft.stream().mapToInt(i -> boxes.get(i).x1()).toArray();
    int[] prefixTop = new int[n + 1], prefixBottom = new int[n + 1];
    int[] suffixTop = new int[n + 1], suffixBottom = new int[n + 1];
    prefixTop[0] = suffixTop[n] = Integer.MAX_VALUE;
    prefixBottom[0] = suffixBottom[n] = Integer.MIN_VALUE;
    for (int k = 0; k < n; k++) {
      Box b = boxes.get(byRight.get(k));
      prefixTop[k + 1] = Math.min(prefixTop[k], b.y1());
      prefixBottom[k + 1] = Math.max(prefixBottom[k], b.y2());
    }
    for (int k = n - 1; k >= 0; k--) {
      Box b = boxes.get(byLeft.get(k));
      suffixTop[k] = Math.min(suffixTop[k + 1], b.y1());
      suffixBottom[k] = Math.max(suffixBottom[k + 1], b.y2());
    }
    double tall = MIN_COLUMN_HEIGHT * lineHeight;
    int bestX = 0, bestCrossing = Integer.MAX_VALUE, bestBalance = -1;
    for (int k = 0; k < n; k++) {
      if (k + 1 < n && rights[k + 1] == rights[k]) continue; // each right edge once
      int x = rights[k], leftCount = k + 1, firstRight = firstAtLeast(lefts, x);
      int crossing = n - leftCount - (n - firstRight);
      if (crossing > allowed || firstRight == n) continue;
      if (prefixBottom[leftCount] - prefixTop[leftCount] < tall) continue;
      if (suffixBottom[firstRight] - suffixTop[firstRight] < tall) continue;
      int balance = Math.min(leftCount, n - firstRight);
      if (crossing < bestCrossing || (crossing == bestCrossing && balance > bestBalance)) {
        bestX = x;
        bestCrossing = crossing;
        bestBalance = balance;
      }
    }
    if (bestBalance < 0) return null;
    List<Integer> left = new ArrayList<>(), right = new ArrayList<>(), crossing = new ArrayList<>();
    for (int i : lines) {
      Box b = boxes.get(i);
      if (b.x2() <= bestX) left.add(i);
      else if (b.x1() >= bestX) right.add(i);
      else crossing.add(i);
    }
    return new Gutter(left, right, crossing);
  }

  /** The index of the first value ≥ x in a sorted array (its length when there is none). */
  private static int firstAtLeast(int[] sorted, int x) {
    int lo = 0, hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private int top(List<Integer> lines) {
    return lines.stream().mapToInt(i -> boxes.get(i).y1()).min().orElse(Integer.MAX_VALUE);
  }

  /** Split in two at the widest white band across all the lines; one list when there is none. */
  private List<List<Integer>> widestBand(List<Integer> lines) {
    List<Integer> sorted = new ArrayList<>(lines);
    sorted.sort(Comparator.comparingInt(i -> boxes.get(i).y1()));
    int reach = Integer.MIN_VALUE, widestAt = -1;
    long widestGap = 0;
    for (int k = 0; k < sorted.size(); k++) {
      Box b = boxes.get(sorted.get(k));
      long gap = b.y1() - (long) reach;
      // among equal bands the most central one, so evenly spaced lines split in halves
      boolean central = Math.abs(2 * k - sorted.size()) < Math.abs(2 * widestAt - sorted.size());
      if (k > 0 && gap > 0 && (gap > widestGap || (gap == widestGap && central))) {
        widestGap = gap;
        widestAt = k;
      }
      reach = Math.max(reach, b.y2());
    }
    if (widestAt < 0) return List.of(lines);
    return List.of(
        new ArrayList<>(sorted.subList(0, widestAt)),
        new ArrayList<>(sorted.subList(widestAt, sorted.size())));
  }
}
