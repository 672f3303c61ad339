package io.ocrbatch.activities.samples;

/** Character error rate: edit distance between recognised and true text over the true length. */
public final class CharacterErrorRate {
  private CharacterErrorRate() {}

  /** Compares code points after folding runs of whitespace to one space. */
  public static double of(String truth, String recognised) {
    int[] t = normalise(truth).codePoints().toArray();
    int[] r = normalise(recognised).codePoints().toArray();
    return t.length == 0 ? (r.length == 0 ? 0 : 1) : (double) distance(t, r) / t.length;
  }

  /** The edit distance between two code point sequences (insertions, deletions, substitutions). */
  public static int distance(int[] t, int[] r) {
    int[] previous = new int[r.length + 1];
    int[] current = new int[r.length + 1];
    for (int j = 0; j <= r.length; j++) previous[j] = j;
    for (int i = 1; i <= t.length; i++) {
      current[0] = i;
      for (int j = 1; j <= r.length; j++) {
        int substitution = previous[j - 1] + (t[i - 1] == r[j - 1] ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[r.length];
  }

  /** For Tibetan: spaces carry no meaning between syllables, so drop them all. */
  public static double ignoringSpaces(String truth, String recognised) {
    return of(truth.replaceAll("\\s+", ""), recognised.replaceAll("\\s+", ""));
  }

  /** The number of characters the rate is taken over (whitespace runs folded). */
  public static int length(String truth) {
    return (int) normalise(truth).codePoints().count();
  }

  private static String normalise(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }
}
