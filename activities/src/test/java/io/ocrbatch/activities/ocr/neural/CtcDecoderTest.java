package io.ocrbatch.activities.ocr.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CtcDecoderTest {
  private final Alphabet abc = Alphabet.withBlankFirst(List.of("a", "b", "l"));

  /** One row per time step, probability 0.9 on the given class. */
  private float[] steps(int... classes) {
    float[] scores = new float[classes.length * abc.size()];
    for (int t = 0; t < classes.length; t++) {
      for (int c = 0; c < abc.size(); c++)
        scores[t * abc.size() + c] = c == classes[t] ? 0.9f : 0.1f / (abc.size() - 1);
    }
    return scores;
  }

  @Test
  void mergesRepeatsDropsBlanksAndKeepsDoubleLettersSplitByABlank() {
    var symbols = new CtcDecoder(abc).decode(steps(1, 1, 0, 3, 3, 0, 3, 2, 0), 0, 9, abc.size(), 1);
    assertThat(CtcDecoder.text(symbols)).isEqualTo("allb");
    assertThat(symbols).extracting(CtcDecoder.Symbol::step).containsExactly(0, 3, 6, 7);
    assertThat(symbols.get(0).probability()).isCloseTo(0.9f, within(1e-6f));
  }

  @Test
  void logitsAreTurnedIntoProbabilities() {
    float[] logits = {0, 5, 0, 0}; // one step, "a" wins
    var symbols = new CtcDecoder(abc).decode(logits, 0, 1, 4, 1);
    double expected = Math.exp(5) / (Math.exp(5) + 3);
    assertThat(symbols.get(0).probability()).isCloseTo((float) expected, within(1e-5f));
  }

  @Test
  void classMajorOutputsAndRestrictedClasses() {
    // [C, T] layout: class c at step t is at c * T + t
    float[] classMajor = {0.1f, 0.1f, 0.6f, 0.2f, 0.3f, 0.7f, 0, 0};
    var all = new CtcDecoder(abc).decode(classMajor, 0, 2, 1, 2);
    assertThat(CtcDecoder.text(all)).isEqualTo("ab");
    var withoutA = new CtcDecoder(abc, c -> c != 1).decode(classMajor, 0, 2, 1, 2);
    assertThat(CtcDecoder.text(withoutA))
        .isEqualTo("b"); // step 0 falls to the best allowed class, b, merged with step 1
  }
}
