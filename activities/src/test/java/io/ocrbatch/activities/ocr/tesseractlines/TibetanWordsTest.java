package io.ocrbatch.activities.ocr.tesseractlines;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.ocr.Box;
import io.ocrbatch.activities.ocr.PageText;
import java.util.List;
import org.junit.jupiter.api.Test;

class TibetanWordsTest {

  @Test
  void piecesOfASyllableAreOneWordAgainButASpaceAfterAShadStays() {
    List<PageText.Word> words =
        TibetanWords.joined(
            List.of(
                word("སློབ་མ་རྣ", 0, 90),
                word("མས་ཀྱིས།", 100, 180),
                word("བདག", 200, 240),
                word("Tibet", 260, 300)));

    assertThat(words)
        .extracting(PageText.Word::text)
        .containsExactly("སློབ་མ་རྣམས་ཀྱིས།", "བདག", "Tibet");
    assertThat(words.get(0).box()).isEqualTo(new Box(0, 10, 180, 40));
    assertThat(words.get(0).confidence()).isEqualTo(70f); // the less sure of the two
  }

  private static PageText.Word word(String text, int x1, int x2) {
    return new PageText.Word(text, new Box(x1, 10, x2, 40), x1 == 0 ? 90f : 70f);
  }
}
