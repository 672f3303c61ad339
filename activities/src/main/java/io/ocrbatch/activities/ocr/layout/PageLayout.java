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

  /** Runs this well aligned (overlap over the narrower one's width) stack into one block. */
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
    List<List<Integer>> blocks = new XyCut(frame, lineHeight).blocks();
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

  static double medianHeight(List<Box> boxes) {
    int[] heights = boxes.stream().mapToInt(b -> b.y2() - b.y1()).toArray();
    Arrays.sort(heights);
    return Math.max(1, heights[heights.length / 2]);
  }
}
