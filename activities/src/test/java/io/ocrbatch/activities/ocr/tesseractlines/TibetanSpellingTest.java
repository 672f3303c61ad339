package io.ocrbatch.activities.ocr.tesseractlines;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Misread syllables corrected against the syllables of bod's word list. */
class TibetanSpellingTest {

  @Test
  void aSyllableTibetanDoesNotHaveBecomesTheKnownOneASignAway() {
    // as Tesseract read the shared pecha set's woodblock pages, and their truth
    assertThat(TibetanSpelling.corrected("ཡྱོགས")).isEqualTo("ཕྱོགས"); // letter misread
    assertThat(TibetanSpelling.corrected("ཅྱིས")).isEqualTo("གྱིས");
    assertThat(TibetanSpelling.corrected("བརྲ")).isEqualTo("བར"); // a speck read as a sign
    assertThat(TibetanSpelling.corrected("སེམམ")).isEqualTo("སེམས");
  }

  @Test
  void knownSyllablesStayAsReadSanskritOnesToo() {
    for (String syllable :
        new String[] {"སེམས", "བསྒྲུབས", "འཕགས", "པའི", "ཨོཾ", "ཧཱུཾ", "བཛྲ", "པདྨ"})
      assertThat(TibetanSpelling.corrected(syllable)).as(syllable).isEqualTo(syllable);
  }

  @Test
  void tshegsShadsSpacesDigitsAndOtherScriptsAreKept() {
    assertThat(TibetanSpelling.corrected("ནོངས་ཡྱོགས་བཅོས། ༡༢ Tibetan 12"))
        .isEqualTo("ནོངས་ཕྱོགས་བཅོས། ༡༢ Tibetan 12");
  }

  @Test
  void digitsGluedToLettersAreDroppedNumbersStay() {
    // as Tesseract read specks beside letters on the shared pecha set's woodblock pages
    assertThat(TibetanSpelling.corrected("ཀ་གས་༢བྱ་བ")).isEqualTo("ཀ་གས་བྱ་བ");
    assertThat(TibetanSpelling.corrected("བྱ་བཞག༡")).isEqualTo("བྱ་བཞག");
    assertThat(TibetanSpelling.corrected("ཆུ་སྤྲེལ་༡༩༩༢་ལོའི། ཤོག ༡༢"))
        .isEqualTo("ཆུ་སྤྲེལ་༡༩༩༢་ལོའི། ཤོག ༡༢");
  }

  @Test
  void aSyllableWithNoKnownOneNearbyStaysAsRead() {
    assertThat(TibetanSpelling.corrected("ཀཀཀཀཀཀ")).isEqualTo("ཀཀཀཀཀཀ");
  }
}
