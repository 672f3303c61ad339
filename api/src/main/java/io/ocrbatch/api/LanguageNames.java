package io.ocrbatch.api;

import io.ocrbatch.activities.engines.EngineRegistry;
import io.ocrbatch.activities.ocr.EngineProvider;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The English name of a job type's language, for people choosing a model: Tesseract's codes ({@code
 * eng}, {@code bod}, {@code chi_sim}, {@code eng+bod}) and ISO 639-1 codes are read as ISO 639; an
 * engine's own codes (the paddle engine's {@code ch} is Chinese, Chamorro in ISO) by its provider.
 */
public final class LanguageNames {
  private static final Map<String, String> ISO = isoNames();

  private LanguageNames() {}

  /**
   * The language's name, or null when the code is not a language code known here (a BDRC model
   * name, say).
   */
  public static String of(String engine, String language) {
    if (language == null || language.isBlank()) return null;
    Map<String, String> own =
        EngineRegistry.find(engine).map(EngineProvider::languageNames).orElse(null);
    if (own != null) return own.get(language);
    String[] names =
        Arrays.stream(language.split("\\+")).map(LanguageNames::one).toArray(String[]::new);
    return Arrays.asList(names).contains(null) ? null : String.join(" + ", names);
  }

  /** {@code eng} → English, {@code chi_sim} → Chinese (sim). */
  private static String one(String code) {
    int underscore = code.indexOf('_');
    String name =
        ISO.get((underscore < 0 ? code : code.substring(0, underscore)).toLowerCase(Locale.ROOT));
    if (name == null || underscore < 0) return name;
    return name + " (" + code.substring(underscore + 1) + ")";
  }

  private static Map<String, String> isoNames() {
    Map<String, String> names = new HashMap<>();
    for (String two : Locale.getISOLanguages()) {
      Locale language = Locale.forLanguageTag(two);
      String name = language.getDisplayLanguage(Locale.ENGLISH);
      if (name.isBlank() || name.equals(two)) continue;
      names.put(two, name);
      names.put(language.getISO3Language(), name);
    }
    names.put("chi", "Chinese"); // ISO 639-2/B, as Tesseract names its Chinese models
    return names;
  }
}
