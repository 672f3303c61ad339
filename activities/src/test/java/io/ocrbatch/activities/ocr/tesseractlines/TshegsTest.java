package io.ocrbatch.activities.ocr.tesseractlines;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
  void onACleanPageARunWithOneRootIsLeftAsRead() {
    // more often a shad misread as a letter than a lost tsheg: ཤར།ཆུ read as ཤརཏཆུ
    assertThat(Tshegs.restored("ཤརཏཆུ")).isEqualTo("ཤརཏཆུ");
    assertThat(Tshegs.restored("ཤརཏཆུ", false)).isEqualTo("ཤརཏཆུ");
  }

  @Test
  void whereTshegsAreLostOftenARunWithOneRootIsSplitToo() {
    assertThat(Tshegs.restored("སྙོམས་པརའཇུག", true)).isEqualTo("སྙོམས་པར་འཇུག");
    assertThat(Tshegs.restored("འཕགས་པའིལམ", true)).isEqualTo("འཕགས་པའི་ལམ");
    assertThat(Tshegs.restored("བྱང་ཆུབ་སེམས་དཔའ། ཀྱེ་གྲོགས་པོ", true))
        .isEqualTo("བྱང་ཆུབ་སེམས་དཔའ། ཀྱེ་གྲོགས་པོ");
  }

  @Test
  void tshegsAreLostOftenOnAWoodblockPrintNotOnAModernOne() {
    // Tesseract's own reading of lines of the shared pecha set's img_2 (woodblock) and img_5
    List<String> woodblock =
        List.of(
            "ཇིལྷ་བདྲནབཉེ་བརགཞག་བཡཞྲིང་སྒོམ་པ་ྲ་བགྱི། རི་ལྟ་བཡབདག་པཱར་ཡྲོང་བངང་། མྔའབྲུལ་གྱི་རྐཔ་བ་དང་།",
            "སྙོམས་པརའཇུག་པ་དགུདང་། སྟོང་པཉེདདངམཚནམ་མེད་པ་དང་། མདོནཔར་ཤེས་པརྣམས་དང་།");
    List<String> modern =
        List.of(
            "༄༅། །མེད་བྱུང་བ་བཅས་ལ་བརྟེན་ནས་ད་དུང་ཞུ་བཅོས་མ་ཐུབ་པ་ཤིན་ཏུ་མང་བ་དང་། ཁྱད་པར་ཤེས་ཡོན་གྱི་མཐོང་རྒྱ་ཆུང",
            "ཆ་ལ་ནོར་འཁྲུལ་དུ་མ་ཡོད་ངེས་ལགས་པས་མཁྱེན་སྐྱན་ཡངས་པའི་བཤེས་གཉེན་དམ་པ་རྣམས་ཀྱི་མདུན་དུ་མཐོལ་བཤགས");

    assertThat(Tshegs.lostOften(woodblock)).isTrue();
    assertThat(Tshegs.lostOften(modern)).isFalse();
    assertThat(Tshegs.lostOften(List.of("", "Latin only"))).isFalse();
  }

  @Test
  void otherScriptsAreUntouched() {
    assertThat(Tshegs.restored("Tibetan: ཇིལྟར, 12")).isEqualTo("Tibetan: ཇི་ལྟར, 12");
  }
}
