package io.ocrbatch.activities.ocr.tesseractlines;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts back the tshegs (་, the dot between Tibetan syllables) that Tesseract drops on woodblock
 * prints, where Tibetan spelling shows one was there. A syllable is at most a prefix letter, one
 * root stack (its letter with subjoined letters and vowel signs), a suffix letter and a second
 * suffix ({@code ས} or {@code ད}), or the particles {@code འི འོ འུ འམ འང}; each prefix goes before
 * some roots only. A run of letters that is no syllable is split into the fewest syllables.
 *
 * <p>Runs that are clearly several syllables are always split: those with two stacks that can only
 * be roots (marked by a vowel or subjoined letter), and runs of bare letters. A run with one such
 * stack is split only on a page where Tesseract evidently loses tshegs ({@link #lostOften}): on a
 * clean page such a run is more often a misread shad ({@code ཤར།ཆུ} read {@code ཤརཏཆུ}) than a lost
 * tsheg, on a woodblock print more often a lost tsheg (measured on the shared pecha set and the
 * synthetic pages of {@code make-samples}).
 */
final class Tshegs {
  static final char TSHEG = '\u0F0B';

  private static final Pattern LETTERS = Pattern.compile("[\\u0F40-\\u0FBC]+");

  /** Each prefix letter and the root letters it may go before. */
  private static final Map<Character, String> PREFIXES =
      Map.of(
          'ག', "ཅཉཏདནཙཞཟཡཤས",
          'ད', "ཀགངཔབམ",
          'བ', "ཀགཅཏདཙཞཟཤསརལ",
          'མ', "ཁགངཆཇཉཐདནཚཛ",
          'འ', "ཁགཆཇཐདཕབཚཛ");

  private static final String SUFFIXES = "གངདནབམའརལས";
  private static final Set<String> PARTICLES = Set.of("འི", "འོ", "འུ");

  /** A syllable longer than this many stacks is not looked for. */
  private static final int MAX_STACKS = 5;

  private Tshegs() {}

  /**
   * A page's runs that are clearly several syllables, at or above which share (one in twenty) its
   * tshegs are taken as often lost: clean prints and rendered pages have almost none (0 to 0.5 %),
   * the woodblock and printed pages of the shared pecha set 6 to 24 %.
   */
  static final double LOST_OFTEN = 0.05;

  /** The text with a tsheg between the syllables of every run that clearly holds several. */
  static String restored(String text) {
    return restored(text, false);
  }

  /**
   * The text with tshegs put back; where they are {@code lostOften} (see {@link #lostOften}), also
   * between the syllables of runs with a single root stack.
   */
  static String restored(String text, boolean lostOften) {
    Matcher m = LETTERS.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find())
      m.appendReplacement(out, Matcher.quoteReplacement(split(m.group(), lostOften)));
    m.appendTail(out);
    return out.toString();
  }

  /** Whether, in these texts of one page, Tesseract evidently drops tshegs (see LOST_OFTEN). */
  static boolean lostOften(List<String> texts) {
    int runs = 0, several = 0;
    for (String text : texts) {
      Matcher m = LETTERS.matcher(text);
      while (m.find()) {
        runs++;
        if (!split(m.group(), false).equals(m.group())) several++;
      }
    }
    return runs > 0 && several >= LOST_OFTEN * runs;
  }

  static String split(String run, boolean lostOften) {
    List<String> stacks = stacks(run);
    if (prefixCost(stacks) >= 0) return run;
    long roots = stacks.stream().filter(s -> s.length() > 1).count();
    if (roots == 1 && !lostOften) return run;
    int n = stacks.size();
    int[] best = new int[n + 1], from = new int[n + 1];
    Arrays.fill(best, Integer.MAX_VALUE);
    best[0] = 0;
    for (int end = 1; end <= n; end++)
      for (int start = Math.max(0, end - MAX_STACKS); start < end; start++) {
        int prefix = prefixCost(stacks.subList(start, end));
        if (prefix < 0 || best[start] == Integer.MAX_VALUE) continue;
        // fewest syllables first; then roots without a prefix (a bare letter is a suffix first)
        int cost = best[start] + 10 + prefix;
        if (cost < best[end]) {
          best[end] = cost;
          from[end] = start;
        }
      }
    if (best[n] == Integer.MAX_VALUE) return run;
    List<String> syllables = new ArrayList<>();
    for (int end = n; end > 0; end = from[end])
      syllables.add(0, String.join("", stacks.subList(from[end], end)));
    return String.join(String.valueOf(TSHEG), syllables);
  }

  /** The run's stacks: each letter (U+0F40 to U+0F6C) with the signs that follow it. */
  static List<String> stacks(String run) {
    List<String> stacks = new ArrayList<>();
    for (int i = 0; i < run.length(); i++) {
      char c = run.charAt(i);
      if (isLetter(c) || stacks.isEmpty()) stacks.add(String.valueOf(c));
      else stacks.set(stacks.size() - 1, stacks.get(stacks.size() - 1) + c);
    }
    return stacks;
  }

  /** 0 if the stacks are one syllable without a prefix, 1 with one, -1 if no syllable. */
  private static int prefixCost(List<String> stacks) {
    for (int root = 0; root < Math.min(2, stacks.size()); root++) {
      if (!isLetter(stacks.get(root).charAt(0))) return -1;
      if (root == 1 && !prefixes(stacks.get(0), stacks.get(1).charAt(0))) continue;
      if (endingFits(stacks.get(root), stacks.subList(root + 1, stacks.size()))) return root;
    }
    return -1;
  }

  private static boolean prefixes(String prefix, char root) {
    return prefix.length() == 1
        && PREFIXES.containsKey(prefix.charAt(0))
        && PREFIXES.get(prefix.charAt(0)).indexOf(root) >= 0;
  }

  /** Whether the stacks after a root are its suffixes (no suffix འ after a vowel sign). */
  private static boolean endingFits(String root, List<String> after) {
    if (after.isEmpty()) return true;
    if (after.size() > 2) return false;
    String first = after.get(0);
    if (PARTICLES.contains(first)) return after.size() == 1;
    if (first.length() != 1 || SUFFIXES.indexOf(first.charAt(0)) < 0) return false;
    if (first.charAt(0) == 'འ' && root.chars().anyMatch(Tshegs::isVowel)) return false;
    if (after.size() == 1) return true;
    String second = after.get(1);
    if (second.length() != 1) return false;
    char s = first.charAt(0), t = second.charAt(0);
    return (s == 'འ' && (t == 'མ' || t == 'ང'))
        || (t == 'ས' && "གངབམ".indexOf(s) >= 0)
        || (t == 'ད' && "ནརལ".indexOf(s) >= 0);
  }

  private static boolean isVowel(int c) {
    return c == '\u0F71'
        || c == '\u0F72'
        || c == '\u0F74'
        || (c >= '\u0F7A' && c <= '\u0F7D')
        || c == '\u0F80';
  }

  private static boolean isLetter(char c) {
    return c >= '\u0F40' && c <= '\u0F6C';
  }
}
