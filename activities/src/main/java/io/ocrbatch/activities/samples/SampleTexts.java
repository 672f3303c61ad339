package io.ocrbatch.activities.samples;

import io.bdrc.ewtsconverter.EwtsConverter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The sample texts (English prose, Tibetan written in Wylie and converted to Unicode). */
public final class SampleTexts {
  private SampleTexts() {}

  /** English words, the text repeated until there are at least {@code count}. */
  public static List<String> englishWords(int count) {
    return repeat(Arrays.asList(resource("english.txt").split("\\s+")), count);
  }

  /** Tibetan syllables in Unicode, each with its tsheg or shad, repeated to {@code count}. */
  public static List<String> tibetanSyllables(int count) {
    String unicode =
        new EwtsConverter()
            .toUnicode(resource("tibetan.wylie.txt").replaceAll("\\s+", " ").strip());
    List<String> units = new ArrayList<>();
    StringBuilder unit = new StringBuilder();
    for (char c : unicode.toCharArray()) {
      unit.append(c);
      if (c == '\u0F0B' || c == '\u0F0D' || c == ' ') { // tsheg, shad, space after shad
        if (c != ' ') units.add(unit.toString());
        else if (unit.length() > 1) units.add(unit.toString().strip());
        unit.setLength(0);
      }
    }
    if (!unit.isEmpty()) units.add(unit.toString());
    units.removeIf(String::isBlank);
    return repeat(units, count);
  }

  private static List<String> repeat(List<String> base, int count) {
    List<String> out = new ArrayList<>();
    while (out.size() < count) out.addAll(base);
    return out;
  }

  private static String resource(String name) {
    try (InputStream in = SampleTexts.class.getResourceAsStream("/samples/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
