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
   * below {@code minConfidence}. Words are runs of symbols between spaces; a word's box spans its
   * first to its last time step, mirrored when the line image was turned 180° before reading.
   */
  public static Optional<PageText.Line> line(
      List<Symbol> symbols,
      Placement placement,
      int pageWidth,
      int pageHeight,
      float minConfidence) {
    List<PageText.Word> words = new ArrayList<>();
    List<Symbol> word = new ArrayList<>();
    double total = 0;
    for (Symbol s : symbols) {
      total += s.probability();
      if (placement.separator().test(s.text())) {
        addWord(words, word, placement, pageWidth, pageHeight);
      } else {
        word.add(s);
      }
    }
    addWord(words, word, placement, pageWidth, pageHeight);
    if (words.isEmpty() || total / symbols.size() < minConfidence) return Optional.empty();
    String text = String.join(" ", words.stream().map(PageText.Word::text).toList());
    float confidence = (float) (100 * total / symbols.size());
    return Optional.of(
        new PageText.Line(
            text,
            placement.region().bounds(pageWidth, pageHeight),
            confidence,
            null,
            List.copyOf(words),
            placement.region().polygon(pageWidth, pageHeight)));
  }

  /**
   * Where a line image came from: its page region, whether it was turned 180°, and which fraction
   * of the region's width time step t covers ({@code offset + t × fractionPerStep}); {@code
   * wordText} turns a word's symbols into its text (e.g. Wylie to Unicode); {@code separator} tells
   * the symbols that end a word.
   */
  public record Placement(
      Quad region,
      boolean flipped,
      double offset,
      double fractionPerStep,
      UnaryOperator<String> wordText,
      Predicate<String> separator) {}

  private static void addWord(
      List<PageText.Word> words,
      List<Symbol> word,
      Placement placement,
      int pageWidth,
      int pageHeight) {
    if (word.isEmpty()) return;
    StringBuilder text = new StringBuilder();
    double probability = 0;
    for (Symbol s : word) {
      text.append(s.text());
      probability += s.probability();
    }
    double from = clamp(placement.offset() + word.get(0).step() * placement.fractionPerStep());
    double to =
        clamp(
            placement.offset()
                + (word.get(word.size() - 1).step() + 1) * placement.fractionPerStep());
    if (placement.flipped()) {
      double mirroredFrom = 1 - to;
      to = 1 - from;
      from = mirroredFrom;
    }
    Quad region = placement.region();
    Quad outline = region.vertical() ? region : region.slice(from, to);
    words.add(
        new PageText.Word(
            placement.wordText().apply(text.toString()),
            outline.bounds(pageWidth, pageHeight),
            (float) (100 * probability / word.size()),
            outline.polygon(pageWidth, pageHeight)));
    word.clear();
  }

  private static double clamp(double f) {
    return Math.max(0, Math.min(1, f));
  }
}
