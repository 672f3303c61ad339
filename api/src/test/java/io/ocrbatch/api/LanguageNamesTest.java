package io.ocrbatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageNamesTest {
  @Test
  void jobTypeLanguagesAreNamedInEnglish() {
    assertThat(LanguageNames.of("tesseract", "eng")).isEqualTo("English");
    assertThat(LanguageNames.of("tesseract", "bod")).isEqualTo("Tibetan");
    assertThat(LanguageNames.of("tesseract", "eng+bod")).isEqualTo("English + Tibetan");
    assertThat(LanguageNames.of("tesseract", "chi_sim")).isEqualTo("Chinese (sim)");
    assertThat(LanguageNames.of("paddle", "ch"))
        .as("paddle's own code, not Chamorro")
        .isEqualTo("Chinese and English");
    assertThat(LanguageNames.of("paddle", "en")).isEqualTo("English");
    assertThat(LanguageNames.of("bdrc", "Woodblock")).as("a model name is no language").isNull();
    assertThat(LanguageNames.of("tesseract", null)).isNull();
  }
}
