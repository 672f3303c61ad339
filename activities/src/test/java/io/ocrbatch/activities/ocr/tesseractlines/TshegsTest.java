package io.ocrbatch.activities.ocr.tesseractlines;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tshegs put back between syllables Tesseract ran together. */
class TshegsTest {

  @Test
  void runsWithTwoRootsAreSplitBetweenTheirSyllables() {
    assertThat(Tshegs.restored("ཇིལྟར")).isEqualTo("ཇི་ལྟར"); // two stacks with vowels or subjoined
    assertThat(Tshegs.restored("བྱངཆུབ")).isEqualTo("བྱང་ཆུབ");
    assertThat(Tshegs.restored("རྫུའཕྲུལ")).isEqualTo("རྫུ་འཕྲུལ");
  }

  @Test
  void runsOfBareLettersThatBreakTheSpellingRulesAreSplit() {
    assertThat(Tshegs.restored("བཞགཔ")).isEqualTo("བཞག་པ"); // པ is no suffix
    assertThat(Tshegs.restored("པརཐརཔ")).isEqualTo("པར་ཐར་པ");
  }

  @Test
  void wholeSyllablesStayAsTheyAre() {
    for (String syllable :
        new String[] {"བསྒྲུབས", "སེམས", "པའི", "འཕགས", "བའམ", "དཔལ", "བརྒྱད", "མཁས", "གཟུགས"})
      assertThat(Tshegs.restored(syllable)).as(syllable).isEqualTo(syllable);
    assertThat(Tshegs.restored("བྱང་ཆུབ་སེམས་དཔའ། ཀྱེ་གྲོགས་པོ"))
        .isEqualTo("བྱང་ཆུབ་སེམས་དཔའ། ཀྱེ་གྲོགས་པོ");
  }

  @Test
  void aRunWithOneRootIsLeftAsRead() {
    // more often a shad misread as a letter than a lost tsheg: ཤར།ཆུ read as ཤརཏཆུ
    assertThat(Tshegs.restored("ཤརཏཆུ")).isEqualTo("ཤརཏཆུ");
  }

  @Test
  void otherScriptsAreUntouched() {
    assertThat(Tshegs.restored("Tibetan: ཇིལྟར, 12")).isEqualTo("Tibetan: ཇི་ལྟར, 12");
  }
}
