package io.ocrbatch.activities.ocr.tesseractlines;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Corrects syllables Tesseract misread into ones Tibetan does not have: a syllable missing from the
 * word list inside Tesseract's own {@code bod} model (its syllables in {@code
 * tibetan/syllables.tsv}, made by {@code bench/tibetan-syllables.sh}) becomes the most frequent
 * listed syllable one letter or sign away (one dropped, added or changed), where there is one.
 * Listed syllables, including the Sanskrit ones the list holds (ཨོཾ, ཧཱུཾ), stay as read.
 */
final class TibetanSpelling {
  private static final Pattern SYLLABLE = Pattern.compile("[\\u0F40-\\u0FBC]+");
  private static final Pattern GLUED_DIGITS =
      Pattern.compile(
          "(?<=[\\u0F40-\\u0FBC])[\\u0F20-\\u0F33]+|[\\u0F20-\\u0F33]+(?=[\\u0F40-\\u0FBC])");
  private static final String RESOURCE = "/tibetan/syllables.tsv";

  /** How often each syllable occurs in the model's word list. */
  private static final class Lexicon {
    static final Map<String, Integer> COUNTS = new HashMap<>();
    static final char[] SIGNS;

    static {
      TreeSet<Character> signs = new TreeSet<>();
      try (InputStream in = TibetanSpelling.class.getResourceAsStream(RESOURCE)) {
        if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the jar");
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (line.startsWith("#") || line.isBlank()) continue;
          String[] fields = line.split("\t");
          COUNTS.put(fields[0], Integer.parseInt(fields[1]));
          for (char c : fields[0].toCharArray()) signs.add(c);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      SIGNS = new char[signs.size()];
      int i = 0;
      for (char c : signs) SIGNS[i++] = c;
    }
  }

  private TibetanSpelling() {}

  /**
   * The text without digits glued to letters, each unknown syllable corrected where a known one is
   * one edit away.
   */
  static String corrected(String text) {
    Matcher m = SYLLABLE.matcher(GLUED_DIGITS.matcher(text).replaceAll(""));
    StringBuilder out = new StringBuilder();
    while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(corrected1(m.group())));
    m.appendTail(out);
    return out.toString();
  }

  private static String corrected1(String syllable) {
    if (known(syllable)) return syllable;
    String best = syllable;
    int bestCount = 0;
    for (int i = 0; i <= syllable.length(); i++) {
      String before = syllable.substring(0, i);
      if (i < syllable.length()) {
        String after = syllable.substring(i + 1);
        String dropped = before + after;
        int count = count(dropped);
        if (better(count, dropped, bestCount, best)) {
          best = dropped;
          bestCount = count;
        }
        for (char c : Lexicon.SIGNS) {
          String changed = before + c + after;
          count = count(changed);
          if (better(count, changed, bestCount, best)) {
            best = changed;
            bestCount = count;
          }
        }
      }
      for (char c : Lexicon.SIGNS) {
        String added = before + c + syllable.substring(i);
        int count = count(added);
        if (better(count, added, bestCount, best)) {
          best = added;
          bestCount = count;
        }
      }
    }
    return best;
  }

  /** More frequent wins; equal counts go to the first in code point order, for determinism. */
  private static boolean better(int count, String candidate, int bestCount, String best) {
    return count > bestCount || (count > 0 && count == bestCount && candidate.compareTo(best) < 0);
  }

  static boolean known(String syllable) {
    return Lexicon.COUNTS.containsKey(syllable);
  }

  private static int count(String syllable) {
    return Lexicon.COUNTS.getOrDefault(syllable, 0);
  }
}
