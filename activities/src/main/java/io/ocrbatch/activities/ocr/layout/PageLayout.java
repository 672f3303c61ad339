package io.ocrbatch.activities.ocr.layout;

import io.ocrbatch.activities.ocr.Box;
import io.ocrbatch.activities.ocr.PageText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Layout analysis for engines that find lines but not blocks (the neural ones): lines grouped into
 * text blocks — columns, headings, captions — read column by column (left-to-right scripts), pieces
 * of one line that a wide space split joined back. Works on line boxes alone, in the reading frame
 * of the page's {@link Orientation}; a page of full-width lines (a Tibetan pecha) stays one block.
 */
public final class PageLayout {
  /** Runs of lines further apart than this many line heights are separate blocks. */
  static final double BLOCK_GAP = 1.5;

  /** Runs this well aligned (overlap over the wider one's width) stack into one block. */
  static final double STACK_OVERLAP = 0.6;

  private PageLayout() {}

  /** The page's lines as blocks in reading order, each with its lines in reading order. */
  public static PageText layout(
      int width, int height, List<PageText.Line> lines, Orientation orientation) {
    if (lines.isEmpty()) return new PageText(width, height, List.of());
    List<Box> frame = new ArrayList<>();
    for (PageText.Line line : lines)
      frame.add(orientation.toReadingFrame(line.box(), width, height));
    double lineHeight = medianHeight(frame);
    List<List<Integer>> pieces = new XyCut(frame, lineHeight).pieces();
    List<List<Integer>> blocks = stack(pieces, frame, lineHeight);
    List<PageText.Region> regions = new ArrayList<>();
    for (List<Integer> block : blocks) {
      List<PageText.Line> blockLines = new ArrayList<>();
      for (List<Integer> row : Rows.of(block, frame)) {
        blockLines.add(Rows.join(row.stream().map(lines::get).toList()));
      }
      Box box = blockLines.stream().map(PageText.Line::box).reduce(Box::union).orElseThrow();
      regions.add(new PageText.Region(box, List.copyOf(blockLines)));
    }
    return new PageText(width, height, List.copyOf(regions));
  }

  /**
   * Consecutive pieces that sit one under the other, close and aligned (a column that white bands
   * cut into paragraphs), become one block.
   */
  static List<List<Integer>> stack(List<List<Integer>> pieces, List<Box> boxes, double lineHeight) {
    List<List<Integer>> blocks = new ArrayList<>();
    Box last = null;
    for (List<Integer> piece : pieces) {
      Box box = piece.stream().map(boxes::get).reduce(Box::union).orElseThrow();
      if (last != null && stacks(last, box, lineHeight)) {
        blocks.get(blocks.size() - 1).addAll(piece);
        last = last.union(box);
      } else {
        blocks.add(new ArrayList<>(piece));
        last = box;
      }
    }
    return blocks;
  }

  private static boolean stacks(Box above, Box below, double lineHeight) {
    int gap = below.y1() - above.y2();
    int overlap = Math.min(above.x2(), below.x2()) - Math.max(above.x1(), below.x1());
    int wider = Math.max(above.x2() - above.x1(), below.x2() - below.x1());
    return gap >= -lineHeight / 2
        && gap <= BLOCK_GAP * lineHeight
        && overlap >= STACK_OVERLAP * wider;
  }

  static double medianHeight(List<Box> boxes) {
    int[] heights = boxes.stream().mapToInt(b -> b.y2() - b.y1()).toArray();
    Arrays.sort(heights);
    return Math.max(1, heights[heights.length / 2]);
  }
}
