package io.ocrbatch.activities.engines;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.ocr.paddle.PaddleProvider;
import io.ocrbatch.workflows.JobTypeSpec;
import org.junit.jupiter.api.Test;

/** One engine handle per thread and job type. */
class OcrEnginesTest {
  @Test
  void jobTypesThatDifferOnlyInLanguageGetTheirOwnEngine() {
    PaddleProvider paddle = new PaddleProvider();
    JobTypeSpec english = paddle.evaluationType("paddle-en").orElseThrow();
    JobTypeSpec chinese = paddle.evaluationType("paddle-ch").orElseThrow();
    try (OcrEngines engines = new OcrEngines(OcrEngines.tessdataFromEnvironment())) {
      assertThat(engines.engineFor(english).version()).contains("(en");
      assertThat(engines.engineFor(chinese).version()).contains("(ch");
      assertThat(engines.engineFor(english)).isSameAs(engines.engineFor(english));
    }
  }
}
