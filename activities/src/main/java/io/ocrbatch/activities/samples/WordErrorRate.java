package io.ocrbatch.activities.samples;

import java.util.Arrays;

/**
 * Word error rate: edit distance between recognised and true text counted in whole words (split at
 * whitespace) over the number of true words.
 */
public final class WordErrorRate {
  private WordErrorRate() {}

  public static double of(String truth, String recognised) {
    String[] t = words(truth);
    String[] r = words(recognised);
    return t.length == 0 ? (r.length == 0 ? 0 : 1) : (double) distance(t, r) / t.length;
  }

  /** The edit distance between two word sequences. */
  public static int distance(String[] t, String[] r) {
    int[] previous = new int[r.length + 1];
    int[] current = new int[r.length + 1];
    for (int j = 0; j <= r.length; j++) previous[j] = j;
    for (int i = 1; i <= t.length; i++) {
      current[0] = i;
      for (int j = 1; j <= r.length; j++) {
        int substitution = previous[j - 1] + (t[i - 1].equals(r[j - 1]) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[r.length];
  }

  /** The number of words the rate is taken over. */
  public static int length(String truth) {
    return words(truth).length;
  }

  private static String[] words(String s) {
    String stripped = s.strip();
    return stripped.isEmpty()
        ? new String[0]
        : Arrays.stream(stripped.split("\\s+")).toArray(String[]::new);
  }
}
