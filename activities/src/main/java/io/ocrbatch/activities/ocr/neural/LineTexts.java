package io.ocrbatch.activities.ocr.neural;

import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.ocr.neural.CtcDecoder.Symbol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** Builds a page line with its words from CTC symbols read off a line region. */
public final class LineTexts {
  private LineTexts() {}

  /**
   * The line read in its region, or empty when it holds no text or its mean symbol probability is
   * below {@code minConfidence}. The symbols, separators as spaces, are turned into the line's text
   * as a whole ({@code lineText}: e.g. Wylie to Unicode, where a space is a tsheg); its words are
   * the runs of non-space characters in that text. A word's box spans the time steps of its symbols
   * when the text keeps the symbols' words, else its share of the line's text; it is mirrored when
   * the line image was turned 180° before reading.
   */
  public static Optional<PageText.Line> line(
      List<Symbol> symbols,
      Placement placement,
      int pageWidth,
      int pageHeight,
      float minConfidence) {
    if (symbols.isEmpty()) return Optional.empty();
    StringBuilder source = new StringBuilder();
    List<Integer> symbolAt = new ArrayList<>();
    double total = 0;
    for (int i = 0; i < symbols.size(); i++) {
      Symbol s = symbols.get(i);
      total += s.probability();
      String t = placement.separator().test(s.text()) ? " " : s.text();
      source.append(t);
      for (int c = 0; c < t.length(); c++) symbolAt.add(i);
    }
    String text = placement.lineText().apply(source.toString());
    double mean = total / symbols.size();
    if (text.isBlank() || mean < minConfidence) return Optional.empty();
    List<int[]> sourceWords = words(source), textWords = words(text);
    List<PageText.Word> words = new ArrayList<>();
    for (int w = 0; w < textWords.size(); w++) {
      int[] span = textWords.get(w);
      String word = text.substring(span[0], span[1]);
      if (sourceWords.size() == textWords.size()) {
        int[] from = sourceWords.get(w);
        List<Symbol> own = symbols.subList(symbolAt.get(from[0]), symbolAt.get(from[1] - 1) + 1);
        double p = own.stream().mapToDouble(Symbol::probability).average().orElse(0);
        words.add(
            word(
                word,
                own.get(0).step(),
                own.get(own.size() - 1).step() + 1,
                p,
                placement,
                pageWidth,
                pageHeight));
      } else { // the text's words do not follow the symbols': a share of the symbols' span
        int first = symbols.get(0).step(), last = symbols.get(symbols.size() - 1).step() + 1;
        double from = first + (last - first) * span[0] / (double) text.length();
        double to = first + (last - first) * span[1] / (double) text.length();
        words.add(word(word, from, to, mean, placement, pageWidth, pageHeight));
      }
    }
    return Optional.of(
        new PageText.Line(
            text,
            placement.region().bounds(pageWidth, pageHeight),
            (float) (100 * mean),
            null,
            List.copyOf(words),
            placement.region().polygon(pageWidth, pageHeight)));
  }

  /** Spaces collapsed and trimmed: the text of readers that join words with one space. */
  public static String singleSpaced(String text) {
    return String.join(" ", text.strip().split("\\s+"));
  }

  /**
   * Where a line image came from: its page region, whether it was turned 180°, and which fraction
   * of the region's width time step t covers ({@code offset + t × fractionPerStep}); {@code
   * lineText} turns the symbols' text (separators as spaces) into the line's text; {@code
   * separator} tells the symbols that stand for a space.
   */
  public record Placement(
      Quad region,
      boolean flipped,
      double offset,
      double fractionPerStep,
      UnaryOperator<String> lineText,
      Predicate<String> separator) {}

  /** The [start, end) of each run of non-space characters. */
  private static List<int[]> words(CharSequence text) {
    List<int[]> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= text.length(); i++) {
      boolean space = i == text.length() || Character.isWhitespace(text.charAt(i));
      if (!space && start < 0) start = i;
      if (space && start >= 0) {
        words.add(new int[] {start, i});
        start = -1;
      }
    }
    return words;
  }

  private static PageText.Word word(
      String text,
      double fromStep,
      double toStep,
      double probability,
      Placement placement,
      int pageWidth,
      int pageHeight) {
    double from = clamp(placement.offset() + fromStep * placement.fractionPerStep());
    double to = clamp(placement.offset() + toStep * placement.fractionPerStep());
    if (placement.flipped()) {
      double mirroredFrom = 1 - to;
      to = 1 - from;
      from = mirroredFrom;
    }
    Quad region = placement.region();
    Quad outline = region.vertical() ? region : region.slice(from, to);
    return new PageText.Word(
        text,
        outline.bounds(pageWidth, pageHeight),
        (float) (100 * probability),
        outline.polygon(pageWidth, pageHeight));
  }

  private static double clamp(double f) {
    return Math.max(0, Math.min(1, f));
  }
}
