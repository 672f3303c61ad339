package io.ocrbatch.activities.ocr.bdrc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocrbatch.activities.ocr.neural.CtcDecoder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BDRC's decoding ({@code CTCDecoder.ctc_decode}: pyctcdecode's beam search, width 100, class 0
 * read as a space and "_" as the blank, spaces removed) on seeded logits, against its output.
 */
class CtcBeamSearchTest {
  static final JsonNode GOLDEN = BdrcGolden.json("ctc/cases.json");

  static List<JsonNode> cases() {
    return BdrcGolden.cases(GOLDEN.path("cases"));
  }

  private static List<String> charset() {
    List<String> charset = new ArrayList<>();
    GOLDEN.path("charset").forEach(c -> charset.add(c.asText()));
    return charset;
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("cases")
  void decodesAsBdrc(JsonNode golden) {
    float[][] logits = BdrcGolden.npy(golden.path("logits").asText());
    int steps = logits.length, classes = logits[0].length;
    float[] flat = new float[steps * classes];
    for (int t = 0; t < steps; t++) System.arraycopy(logits[t], 0, flat, t * classes, classes);
    CtcBeamSearch search = new CtcBeamSearch(CtcBeamSearch.vocabulary(charset(), true), 100);
    assertThat(CtcDecoder.text(search.decode(flat, 0, steps, classes, 1)))
        .isEqualTo(golden.path("text").asText());

    // the same logits with classes first ([C,T], as some models give them)
    float[] classFirst = new float[steps * classes];
    for (int t = 0; t < steps; t++)
      for (int c = 0; c < classes; c++) classFirst[c * steps + t] = logits[t][c];
    assertThat(CtcDecoder.text(search.decode(classFirst, 0, steps, 1, steps)))
        .isEqualTo(golden.path("text").asText());
  }

  @Test
  void theGoldenCasesIncludeOnesWhereBeamSearchAndGreedyDecodingDiffer() {
    assertThat(cases()).anyMatch(c -> !c.path("text").equals(c.path("greedy")));
  }

  @Test
  void underscoreIsTheBlankAndAddedClassZeroASpace() {
    assertThat(CtcBeamSearch.normalized(CtcBeamSearch.vocabulary(List.of("k", "_", "a"), true)))
        .containsExactly(" ", "k", "", "a");
    // no blank label at all (pyctcdecode would refuse the model): class 0 is the blank
    assertThat(CtcBeamSearch.normalized(CtcBeamSearch.vocabulary(List.of("a", "b"), true)))
        .containsExactly("", "a", "b");
  }
}
