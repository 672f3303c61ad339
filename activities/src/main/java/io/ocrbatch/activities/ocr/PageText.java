package io.ocrbatch.activities.ocr;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The page model every engine fills: a page's text regions (blocks) in reading order, each of lines
 * of words, with boxes in page pixels, confidences 0–100 and, where the engine knows it, each
 * line's baseline. Tesseract gives its own blocks; the neural engines get theirs from {@code
 * ocr.layout}.
 */
public record PageText(int width, int height, List<Region> regions) {

  /** A word; {@code polygon} is its rotated outline where the engine knows one, else null. */
  public record Word(String text, Box box, float confidence, Polygon polygon) {
    public Word(String text, Box box, float confidence) {
      this(text, box, confidence, null);
    }

    /** The polygon where known, else the box's corners. */
    public Polygon outline() {
      return polygon != null ? polygon : Polygon.of(box);
    }
  }

  /**
   * A text line; {@code baseline} runs from (x1, y1) to (x2, y2), or is null where unknown; {@code
   * polygon} is its rotated outline where the engine knows one, else null.
   */
  public record Line(
      String text, Box box, float confidence, Box baseline, List<Word> words, Polygon polygon) {
    public Line(String text, Box box, float confidence, Box baseline, List<Word> words) {
      this(text, box, confidence, baseline, words, null);
    }

    public Line(String text, Box box, float confidence, List<Word> words) {
      this(text, box, confidence, null, words, null);
    }

    /** The polygon where known, else the box's corners. */
    public Polygon outline() {
      return polygon != null ? polygon : Polygon.of(box);
    }
  }

  /** A text block: its box and lines, top to bottom. */
  public record Region(Box box, List<Line> lines) {}

  /**
   * A page read as one region (engines without layout analysis); no region when there are no lines.
   */
  public static PageText oneRegion(int width, int height, List<Line> lines) {
    if (lines.isEmpty()) return new PageText(width, height, List.of());
    Box box = lines.stream().map(Line::box).reduce(Box::union).orElseThrow();
    return new PageText(width, height, List.of(new Region(box, List.copyOf(lines))));
  }

  /** Every line, region by region in reading order. */
  public List<Line> lines() {
    return regions.stream().flatMap(r -> r.lines().stream()).toList();
  }

  public String text() {
    return lines().stream().map(Line::text).collect(Collectors.joining("\n"));
  }

  /** Mean line confidence, or null for a page without text. */
  public Float meanConfidence() {
    List<Line> lines = lines();
    if (lines.isEmpty()) return null;
    return (float) lines.stream().mapToDouble(Line::confidence).average().orElse(0);
  }

  /** The same page with every text passed through {@code convert} (e.g. Unicode to Wylie). */
  public PageText mapText(UnaryOperator<String> convert) {
    return new PageText(
        width,
        height,
        regions.stream()
            .map(
                r ->
                    new Region(
                        r.box(),
                        r.lines().stream()
                            .map(
                                l ->
                                    new Line(
                                        convert.apply(l.text()),
                                        l.box(),
                                        l.confidence(),
                                        l.baseline(),
                                        l.words().stream()
                                            .map(
                                                w ->
                                                    new Word(
                                                        convert.apply(w.text()),
                                                        w.box(),
                                                        w.confidence(),
                                                        w.polygon()))
                                            .toList(),
                                        l.polygon()))
                            .toList()))
            .toList());
  }
}
