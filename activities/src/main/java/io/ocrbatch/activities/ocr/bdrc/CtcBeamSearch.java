package io.ocrbatch.activities.ocr.bdrc;

import io.ocrbatch.activities.ocr.neural.CtcDecoder.Symbol;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BDRC's CTC decoding: pyctcdecode's beam search (0.5.0, no language model) over BDRC's vocabulary,
 * then every space removed. pyctcdecode reads a label {@code _} (or {@code <pad>}) as the blank and
 * a label {@code " "} as a word break; BDRC puts {@code " "} at class 0 when a model adds a blank,
 * so class 0 ends words (which the search prunes by) and writes nothing.
 *
 * <p>Where pyctcdecode would find no blank label and refuse the model, class 0 is the blank.
 */
final class CtcBeamSearch {
  static final double PRUNE_LOGP = -10.0;
  static final float TOKEN_MIN_LOGP = -5.0f;
  static final double MIN_LOGP = Math.log(1e-15);

  private final List<String> labels;
  private final int beamWidth;

  /** {@code vocabulary}: one label per class of the model's output, as BDRC builds it. */
  CtcBeamSearch(List<String> vocabulary, int beamWidth) {
    this.labels = normalized(vocabulary);
    this.beamWidth = beamWidth;
  }

  /** BDRC's vocabulary: {@code " "} first when the model adds a blank, then the charset. */
  static List<String> vocabulary(List<String> charset, boolean addBlank) {
    List<String> vocabulary = new ArrayList<>(charset);
    if (addBlank) vocabulary.add(0, " ");
    return vocabulary;
  }

  int classes() {
    return labels.size();
  }

  /** pyctcdecode's alphabet normalisation (regular, not BPE, alphabets). */
  static List<String> normalized(List<String> vocabulary) {
    List<String> labels = new ArrayList<>(vocabulary);
    if (labels.contains("|") && !labels.contains(" ")) labels.set(labels.indexOf("|"), " ");
    labels.replaceAll(l -> l.matches("(?i)^[<\\[]pad[>\\]]$") ? "" : l);
    if (labels.contains("_") && !labels.contains("")) labels.set(labels.indexOf("_"), "");
    if (!labels.contains("")) labels.set(0, "");
    labels.replaceAll(l -> l.matches("(?i)^[<\\[]unk[>\\]]$") ? "\u2047" : l);
    return List.copyOf(labels);
  }

  private record Emitted(String label, int step, int index, Emitted previous) {}

  private record Beam(
      String text, String nextWord, String partial, String last, double score, Emitted emitted) {}

  private record Key(String text, String partial, String last) {}

  /**
   * The best beam's symbols (spaces and blanks left out), each with the step it began at and the
   * model's probability for it there (for confidences; the search itself uses pyctcdecode's
   * scores); {@code scores} hold {@code steps} rows of logits or probabilities.
   */
  List<Symbol> decode(float[] scores, int offset, int steps, int stride, int classStride) {
    float[][] logp = LogProbabilities.of(scores, offset, steps, stride, classStride, classes());
    List<Beam> beams = List.of(new Beam("", "", "", null, 0.0, null));
    for (int t = 0; t < steps; t++) {
      List<Beam> next = new ArrayList<>();
      for (int c : candidates(logp[t])) {
        String label = labels.get(c);
        float p = logp[t][c];
        for (Beam b : beams) next.add(extend(b, label, c, p, t));
      }
      beams = historyPruned(trimmed(scored(merged(next))));
    }
    List<Beam> ends = new ArrayList<>();
    for (Beam b : beams) ends.add(new Beam(b.text, b.partial, "", null, b.score, b.emitted));
    Beam best = trimmed(scored(merged(ends))).get(0);
    List<Symbol> symbols = new ArrayList<>();
    for (Emitted e = best.emitted; e != null; e = e.previous) {
      String text = PythonText.withoutWhitespace(e.label);
      float probability =
          LogProbabilities.probability(
              scores, offset + e.step * stride, classStride, classes(), e.index);
      if (!text.isEmpty()) symbols.add(0, new Symbol(text, e.step, probability));
    }
    return symbols;
  }

  /** The classes tried at a step: those at least TOKEN_MIN_LOGP, and the best. */
  private static List<Integer> candidates(float[] row) {
    int best = 0;
    for (int c = 1; c < row.length; c++) if (row[c] > row[best]) best = c;
    List<Integer> out = new ArrayList<>();
    for (int c = 0; c < row.length; c++) if (row[c] >= TOKEN_MIN_LOGP || c == best) out.add(c);
    return out;
  }

  private static Beam extend(Beam b, String label, int index, float p, int step) {
    double score = b.score + p;
    if (label.isEmpty() || label.equals(b.last))
      return new Beam(b.text, b.nextWord, b.partial, label, score, b.emitted);
    Emitted emitted = new Emitted(label, step, index, b.emitted);
    if (label.equals(" ")) return new Beam(b.text, b.partial, "", label, score, emitted);
    return new Beam(b.text, b.nextWord, b.partial + label, label, score, emitted);
  }

  private static String join(String text, String word) {
    if (word.isEmpty()) return text;
    if (text.isEmpty()) return word;
    return text + " " + word;
  }

  /** Beams alike in text, partial word and last label as one, its score the sum of theirs. */
  private static List<Beam> merged(List<Beam> beams) {
    Map<Key, Beam> merged = new LinkedHashMap<>();
    for (Beam b : beams) {
      merged.merge(
          new Key(join(b.text, b.nextWord), b.partial, b.last),
          b,
          (kept, later) ->
              new Beam(
                  later.text,
                  later.nextWord,
                  later.partial,
                  later.last,
                  sumLogs(kept.score, later.score),
                  later.emitted));
    }
    return new ArrayList<>(merged.values());
  }

  /** The next word joined to the text (without a language model the score stays). */
  private static List<Beam> scored(List<Beam> beams) {
    List<Beam> out = new ArrayList<>(beams.size());
    double max = Double.NEGATIVE_INFINITY;
    for (Beam b : beams) max = Math.max(max, b.score);
    for (Beam b : beams) {
      if (b.score >= max + PRUNE_LOGP)
        out.add(new Beam(join(b.text, b.nextWord), "", b.partial, b.last, b.score, b.emitted));
    }
    return out;
  }

  /** The best beamWidth, ties in their order. */
  private List<Beam> trimmed(List<Beam> beams) {
    List<Beam> sorted = new ArrayList<>(beams);
    sorted.sort(Comparator.comparingDouble((Beam b) -> b.score).reversed());
    return sorted.size() > beamWidth ? sorted.subList(0, beamWidth) : sorted;
  }

  /** Of beams alike in their last word, partial word and last label, the best. */
  private static List<Beam> historyPruned(List<Beam> beams) {
    Set<Key> seen = new HashSet<>();
    List<Beam> out = new ArrayList<>();
    for (Beam b : beams) {
      if (seen.add(new Key(PythonText.lastWord(b.text), b.partial, b.last))) out.add(b);
    }
    return out;
  }

  private static double sumLogs(double a, double b) {
    return a >= b ? a + Math.log(1 + Math.exp(b - a)) : b + Math.log(1 + Math.exp(a - b));
  }
}
