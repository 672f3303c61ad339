package io.ocrbatch.activities.ocr.neural;

import static org.assertj.core.api.Assertions.assertThat;

import io.bdrc.ewtsconverter.EwtsConverter;
import io.ocrbatch.activities.ocr.Box;
import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.ocr.neural.CtcDecoder.Symbol;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencv.core.Point;

class LineTextsTest {
  private final Quad line =
      new Quad(new Point(100, 50), new Point(1100, 50), new Point(1100, 90), new Point(100, 90));

  private static List<Symbol> symbols(String... texts) {
    List<Symbol> out = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) out.add(new Symbol(texts[i], i * 10, 0.9f));
    return out;
  }

  @Test
  void wordsAreSplitAtSpacesAndBoxedByTheirTimeSteps() {
    // 10 symbols, 100 steps over the line: step t covers 1% of its 1000 px
    var placement =
        new LineTexts.Placement(line, false, 0, 0.01, LineTexts::singleSpaced, String::isBlank);
    PageText.Line read =
        LineTexts.line(symbols("N", "o", " ", "w", "a", "y"), placement, 2000, 1000, 0.5f)
            .orElseThrow();
    assertThat(read.text()).isEqualTo("No way");
    assertThat(read.words()).extracting(PageText.Word::text).containsExactly("No", "way");
    assertThat(read.words().get(0).box()).isEqualTo(new Box(100, 50, 210, 90));
    assertThat(read.words().get(1).box()).isEqualTo(new Box(400, 50, 610, 90));
    assertThat(read.box()).isEqualTo(new Box(100, 50, 1100, 90));
    assertThat(read.confidence()).isEqualTo(90f, org.assertj.core.api.Assertions.within(0.01f));
  }

  @Test
  void aLineTurnedUpsideDownHasItsWordBoxesMirrored() {
    var placement = new LineTexts.Placement(line, true, 0, 0.01, t -> t, String::isBlank);
    PageText.Line read =
        LineTexts.line(symbols("a", "b"), placement, 2000, 1000, 0.5f).orElseThrow();
    assertThat(read.words().get(0).box()).isEqualTo(new Box(990, 50, 1100, 90));
  }

  @Test
  void aWylieLineBecomesUnicodeAsAWholeItsSectionSignsTshegs() {
    // BDRC's Wylie charsets write the tsheg as "§"; BDRC makes it a Wylie space, which is a tsheg
    EwtsConverter ewts = new EwtsConverter();
    var placement = new LineTexts.Placement(line, false, 0, 0.01, ewts::toUnicode, "§"::equals);
    PageText.Line read =
        LineTexts.line(
                symbols("b", "k", "r", "a", "§", "sh", "i", "s", "/"), placement, 2000, 1000, 0.5f)
            .orElseThrow();
    assertThat(read.text()).isEqualTo("བཀྲ་ཤིས།");
    assertThat(read.words()).extracting(PageText.Word::text).containsExactly("བཀྲ་ཤིས།");
    assertThat(read.words().get(0).box()).isEqualTo(new Box(100, 50, 910, 90));
  }

  @Test
  void aWylieLineKeptInWylieHasItsTshegsAsSpacesAndWordsBoxedByTheirSteps() {
    var placement = new LineTexts.Placement(line, false, 0, 0.01, t -> t, "§"::equals);
    PageText.Line read =
        LineTexts.line(
                symbols("b", "k", "r", "a", "§", "sh", "i", "s", "/"), placement, 2000, 1000, 0.5f)
            .orElseThrow();
    assertThat(read.text()).isEqualTo("bkra shis/");
    assertThat(read.words()).extracting(PageText.Word::text).containsExactly("bkra", "shis/");
    assertThat(read.words().get(1).box()).isEqualTo(new Box(600, 50, 910, 90));
  }

  @Test
  void aLineBelowTheConfidenceFloorIsNoise() {
    var placement = new LineTexts.Placement(line, false, 0, 0.01, t -> t, String::isBlank);
    List<Symbol> faint = List.of(new Symbol("x", 0, 0.3f), new Symbol("y", 1, 0.4f));
    assertThat(LineTexts.line(faint, placement, 2000, 1000, 0.5f)).isEmpty();
  }
}
