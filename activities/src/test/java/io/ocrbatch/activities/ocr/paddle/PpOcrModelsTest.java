package io.ocrbatch.activities.ocr.paddle;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.ocr.neural.Alphabet;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class PpOcrModelsTest {
  private final Alphabet dictionary = PpOcrModels.dictionary();

  @Test
  void theDictionaryIsBlankThenSixThousandCharactersThenSpace() {
    assertThat(dictionary.size()).isEqualTo(6625); // the recognition model's class count
    assertThat(dictionary.blank()).isZero();
    assertThat(dictionary.label(dictionary.size() - 1)).isEqualTo(" ");
  }

  @Test
  void englishReadsOnlyWesternCharactersChineseReadsAll() {
    IntPredicate english = PpOcrModels.allowedClasses(dictionary, "en");
    IntPredicate chinese = PpOcrModels.allowedClasses(dictionary, "ch");
    int han = dictionary.labels().indexOf("中"),
        comma = dictionary.labels().indexOf("，"),
        a = dictionary.labels().indexOf("a");
    assertThat(english.test(a)).isTrue();
    assertThat(english.test(han)).isFalse();
    assertThat(english.test(comma)).as("full-width comma").isFalse();
    assertThat(chinese.test(han)).isTrue();
    assertThat(chinese.test(comma)).isTrue();
  }
}
