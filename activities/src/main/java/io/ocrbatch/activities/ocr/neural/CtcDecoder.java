package io.ocrbatch.activities.ocr.neural;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Greedy CTC decoding: the best class per time step, repeats merged, blanks dropped. Keeps each
 * symbol's time step and probability, from which word boxes and confidences are made.
 */
public final class CtcDecoder {

  /** One decoded symbol: its text, the time step it was read at, and its probability (0–1). */
  public record Symbol(String text, int step, float probability) {}

  private final Alphabet alphabet;
  private final IntPredicate allowed;

  /** {@code allowed} restricts which classes may win a step (e.g. Latin only for English). */
  public CtcDecoder(Alphabet alphabet, IntPredicate allowed) {
    this.alphabet = alphabet;
    this.allowed = allowed;
  }

  public CtcDecoder(Alphabet alphabet) {
    this(alphabet, c -> true);
  }

  public Alphabet alphabet() {
    return alphabet;
  }

  /**
   * Decodes one sequence of {@code steps} rows of {@code classes} scores starting at {@code
   * offset}, each row {@code stride} apart. Scores may be probabilities or logits (softmax is
   * applied then).
   */
  public List<Symbol> decode(float[] scores, int offset, int steps, int stride, int classStride) {
    int classes = alphabet.size();
    List<Symbol> symbols = new ArrayList<>();
    int previous = alphabet.blank();
    for (int t = 0; t < steps; t++) {
      int row = offset + t * stride;
      int best = -1;
      float bestScore = Float.NEGATIVE_INFINITY;
      boolean probabilities = true;
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        float s = scores[row + c * classStride];
        if (s < 0 || s > 1) probabilities = false;
        sum += s;
        if (s > bestScore && (c == alphabet.blank() || allowed.test(c))) {
          best = c;
          bestScore = s;
        }
      }
      if (best != alphabet.blank() && best != previous) {
        float probability =
            probabilities && Math.abs(sum - 1) < 1e-2
                ? bestScore
                : softmaxAt(scores, row, classes, classStride, bestScore);
        symbols.add(new Symbol(alphabet.label(best), t, probability));
      }
      previous = best;
    }
    return symbols;
  }

  private static float softmaxAt(
      float[] scores, int row, int classes, int classStride, float best) {
    double sum = 0;
    for (int c = 0; c < classes; c++) sum += Math.exp(scores[row + c * classStride] - best);
    return (float) (1 / sum);
  }

  /** The decoded text. */
  public static String text(List<Symbol> symbols) {
    StringBuilder text = new StringBuilder();
    symbols.forEach(s -> text.append(s.text()));
    return text.toString();
  }
}
