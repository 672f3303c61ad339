package io.ocrbatch.activities.samples;

import java.util.Arrays;
import java.util.List;

/**
 * How errors are counted against a set's ground truth: in most scripts after folding whitespace,
 * word by word at spaces; in Tibetan, where spaces carry no meaning (transcriptions differ in line
 * breaks and in the space after a shad), with whitespace ignored, syllable by syllable.
 */
public enum ErrorCounting {
  FOLDED_WHITESPACE("CER and WER after folding whitespace"),
  TIBETAN("Tibetan: CER ignoring whitespace, WER counting syllables");

  private final String description;

  ErrorCounting(String description) {
    this.description = description;
  }

  /** What the counts mean, for report headers. */
  public String description() {
    return description;
  }

  /** Tibetan where most letters of the true texts are Tibetan, else whitespace folded. */
  public static ErrorCounting forTruths(List<String> truths) {
    long tibetan = 0, letters = 0;
    for (String truth : truths)
      for (int c : truth.codePoints().toArray()) {
        if (!Character.isLetter(c)) continue;
        letters++;
        if (Character.UnicodeScript.of(c) == Character.UnicodeScript.TIBETAN) tibetan++;
      }
    return letters > 0 && tibetan * 2 > letters ? TIBETAN : FOLDED_WHITESPACE;
  }

  /** The edit distance in characters between the true and the recognised text. */
  public int characterErrors(String truth, String recognised) {
    return CharacterErrorRate.distance(characters(truth), characters(recognised));
  }

  /** The number of true characters errors are counted against. */
  public int characterCount(String truth) {
    return characters(truth).length;
  }

  /** The edit distance in words (Tibetan: syllables). */
  public int wordErrors(String truth, String recognised) {
    return WordErrorRate.distance(words(truth), words(recognised));
  }

  public int wordCount(String truth) {
    return words(truth).length;
  }

  private int[] characters(String text) {
    String kept =
        this == TIBETAN ? text.replaceAll("\\s+", "") : text.replaceAll("\\s+", " ").strip();
    return kept.codePoints().toArray();
  }

  private String[] words(String text) {
    // Tibetan syllables end at a tsheg (U+0F0B, U+0F0C) or a shad (U+0F0D to U+0F14)
    String separators = this == TIBETAN ? "[\\s\\u0F0B-\\u0F14]+" : "\\s+";
    return Arrays.stream(text.strip().split(separators))
        .filter(w -> !w.isEmpty())
        .toArray(String[]::new);
  }
}
