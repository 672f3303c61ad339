package io.ocrbatch.activities.ocr.layout;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.ocr.Box;
import io.ocrbatch.activities.ocr.PageText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Layout analysis on synthetic line boxes: a page 2000 × 2800, lines 40 px high, 60 px apart. */
class PageLayoutTest {
  static final int W = 2000, H = 2800;

  @Test
  void twoColumnsUnderAHeadlineReadColumnByColumn() {
    List<PageText.Line> lines = new ArrayList<>();
    lines.add(line("headline", 200, 100, 1800, 180));
    for (int i = 0; i < 6; i++) {
      // baselines of both columns aligned, as in print: the white bands run across the gutter
      lines.add(line("left" + i, 200, 300 + 60 * i, 980, 340 + 60 * i));
      lines.add(line("right" + i, 1020, 300 + 60 * i, 1800, 340 + 60 * i));
    }
    Collections.shuffle(lines, new java.util.Random(7));

    PageText page = PageLayout.layout(W, H, lines, Orientation.UPRIGHT);

    assertThat(page.lines())
        .extracting(PageText.Line::text)
        .containsExactly(
            "headline",
            "left0",
            "left1",
            "left2",
            "left3",
            "left4",
            "left5",
            "right0",
            "right1",
            "right2",
            "right3",
            "right4",
            "right5");
    assertThat(page.regions()).hasSize(3);
    assertThat(page.regions().get(1).box()).isEqualTo(new Box(200, 300, 980, 640));
    assertThat(page.regions().get(2).lines()).extracting(PageText.Line::text).startsWith("right0");
  }

  @Test
  void aCaptionAcrossTheGutterIsReadAfterTheColumnsNotBetweenTheirLines() {
    List<PageText.Line> lines = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      lines.add(line("left" + i, 200, 300 + 60 * i, 980, 340 + 60 * i));
      lines.add(line("right" + i, 1020, 300 + 60 * i, 1800, 340 + 60 * i));
    }
    // a picture's caption between the columns, over the gutter, level with their lines 5 and 6
    lines.add(line("caption1", 800, 600, 1200, 640));
    lines.add(line("caption2", 800, 660, 1200, 700));
    lines.removeIf(l -> l.text().matches("(left|right)[56]"));

    PageText page = PageLayout.layout(W, H, lines, Orientation.UPRIGHT);

    List<String> read = page.lines().stream().map(PageText.Line::text).toList();
    assertThat(read.subList(0, 10))
        .containsExactly(
            "left0", "left1", "left2", "left3", "left4", "left7", "left8", "left9", "left10",
            "left11");
    assertThat(read.subList(10, 20)).allMatch(t -> t.startsWith("right"));
    assertThat(read.subList(20, 22)).containsExactly("caption1", "caption2");
  }

  @Test
  void aSingleColumnWithShortParagraphEndsIsNotCutIntoColumns() {
    List<PageText.Line> lines = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      int right = i % 3 == 2 ? 700 : 1800; // each third line ends a paragraph
      lines.add(line("line" + i, 200, 300 + 60 * i, right, 340 + 60 * i));
    }

    PageText page = PageLayout.layout(W, H, lines, Orientation.UPRIGHT);

    assertThat(page.regions()).hasSize(1);
    assertThat(page.lines()).extracting(PageText.Line::text).startsWith("line0", "line1", "line2");
  }

  @Test
  void piecesOfALineThatAWideSpaceSplitAreJoinedBack() {
    List<PageText.Line> lines = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      if (i == 2) {
        lines.add(line("tail", 1300, 300 + 60 * i, 1800, 340 + 60 * i));
        lines.add(line("head", 200, 302 + 60 * i, 900, 338 + 60 * i));
      } else {
        lines.add(line("line" + i, 200, 300 + 60 * i, 1800, 340 + 60 * i));
      }
    }

    PageText page = PageLayout.layout(W, H, lines, Orientation.UPRIGHT);

    assertThat(page.regions()).hasSize(1);
    assertThat(page.lines())
        .extracting(PageText.Line::text)
        .containsExactly("line0", "line1", "head tail", "line3");
    PageText.Line joined = page.lines().get(2);
    assertThat(joined.box()).isEqualTo(new Box(200, 420, 1800, 460));
    assertThat(joined.words()).extracting(PageText.Word::text).containsExactly("head", "tail");
  }

  @Test
  void aPechaPageOfFullWidthLinesStaysOneBlock() {
    List<PageText.Line> lines = new ArrayList<>();
    for (int i = 0; i < 7; i++)
      lines.add(line("pecha" + i, 150 + (i % 2) * 10, 80 + 90 * i, 3850, 150 + 90 * i));
    lines.add(line("margin", 20, 200, 100, 500)); // a page label in the left margin

    PageText page = PageLayout.layout(4000, 800, lines, Orientation.UPRIGHT);

    List<PageText.Region> text = page.regions().stream().filter(r -> r.lines().size() > 1).toList();
    assertThat(text).hasSize(1);
    assertThat(text.get(0).lines())
        .extracting(PageText.Line::text)
        .containsExactly("pecha0", "pecha1", "pecha2", "pecha3", "pecha4", "pecha5", "pecha6");
  }

  @Test
  void paragraphsFarApartAreSeparateBlocksInOrder() {
    List<PageText.Line> lines = new ArrayList<>();
    for (int i = 0; i < 3; i++) lines.add(line("first" + i, 200, 300 + 60 * i, 1800, 340 + 60 * i));
    for (int i = 0; i < 3; i++)
      lines.add(line("second" + i, 200, 800 + 60 * i, 1800, 840 + 60 * i));

    PageText page = PageLayout.layout(W, H, lines, Orientation.UPRIGHT);

    assertThat(page.regions()).hasSize(2);
    assertThat(page.regions().get(0).lines())
        .extracting(PageText.Line::text)
        .first()
        .isEqualTo("first0");
  }

  @Test
  void anUpsideDownPageReadsFromItsBottomRightColumn() {
    List<PageText.Line> lines = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      lines.add(turned("left" + i, 200, 300 + 60 * i, 980, 340 + 60 * i));
      lines.add(turned("right" + i, 1020, 300 + 60 * i, 1800, 340 + 60 * i));
    }

    PageText page = PageLayout.layout(W, H, lines, Orientation.UPSIDE_DOWN);

    assertThat(page.lines())
        .extracting(PageText.Line::text)
        .containsExactly(
            "left0", "left1", "left2", "left3", "right0", "right1", "right2", "right3");
  }

  @Test
  void aPageTurnedAQuarterReadsItsColumnsInOrder() {
    List<PageText.Line> lines = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      // upright (x, y) lies at (W - y, x) on a page turned clockwise
      lines.add(clockwise("left" + i, 200, 300 + 60 * i, 980, 340 + 60 * i));
      lines.add(clockwise("right" + i, 1020, 300 + 60 * i, 1800, 340 + 60 * i));
    }

    PageText page = PageLayout.layout(W, H, lines, Orientation.TURNED_CLOCKWISE);

    assertThat(page.lines())
        .extracting(PageText.Line::text)
        .containsExactly(
            "left0", "left1", "left2", "left3", "right0", "right1", "right2", "right3");
  }

  @Test
  void aPageWithoutLinesHasNoRegions() {
    assertThat(PageLayout.layout(W, H, List.of(), Orientation.UPRIGHT).regions()).isEmpty();
  }

  private static PageText.Line turned(String text, int x1, int y1, int x2, int y2) {
    return line(text, W - x2, H - y2, W - x1, H - y1);
  }

  private static PageText.Line clockwise(String text, int x1, int y1, int x2, int y2) {
    return line(text, W - y2, x1, W - y1, x2);
  }

  private static PageText.Line line(String text, int x1, int y1, int x2, int y2) {
    Box box = new Box(x1, y1, x2, y2);
    return new PageText.Line(text, box, 90f, List.of(new PageText.Word(text, box, 90f)));
  }
}
