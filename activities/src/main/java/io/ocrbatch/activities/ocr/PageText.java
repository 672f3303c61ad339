package io.ocrbatch.activities.ocr;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** What an engine recognised on a page: lines of words, with boxes and confidences (0–100). */
public record PageText(int width, int height, List<Line> lines) {

  public record Word(String text, Box box, float confidence) {}

  public record Line(String text, Box box, float confidence, List<Word> words) {}

  public String text() {
    return lines.stream().map(Line::text).collect(Collectors.joining("\n"));
  }

  /** Mean line confidence, or null for a page without text. */
  public Float meanConfidence() {
    if (lines.isEmpty()) return null;
    return (float) lines.stream().mapToDouble(Line::confidence).average().orElse(0);
  }

  /** The same page with every text passed through {@code convert} (e.g. Unicode to Wylie). */
  public PageText mapText(UnaryOperator<String> convert) {
    return new PageText(
        width,
        height,
        lines.stream()
            .map(
                l ->
                    new Line(
                        convert.apply(l.text()),
                        l.box(),
                        l.confidence(),
                        l.words().stream().map(w -> new Word(convert.apply(w.text()), w.box(), w.confidence())).toList()))
            .toList());
  }
}
