package io.ocrbatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocrbatch.workflows.JobTypeSpec;
import io.ocrbatch.workflows.TaskQueues;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobTypeValidationTest {
  private static JobTypeSpec spec(String engine, String model, String language) {
    return new JobTypeSpec(0, "t", engine, model, language, "unicode", "block", List.of("txt"));
  }

  @Test
  void neuralEnginesAreAcceptedWithTheirModels() {
    assertThat(JobService.validJobType(spec("paddle", "ppocr-v4", "ch")).engine())
        .isEqualTo("paddle");
    assertThat(JobService.validJobType(spec("bdrc", "Woodblock+PhotiLines", "bo")).model())
        .isEqualTo("Woodblock+PhotiLines");
    assertThat(JobService.validJobType(spec("bdrc", "Modern_v2.1", "bo")).model())
        .isEqualTo("Modern_v2.1");
  }

  @Test
  void theEnginesProviderSetsTheQueueItsPagesGoTo() {
    assertThat(JobService.validJobType(spec("null", "empty", "en")).queue())
        .isEqualTo(TaskQueues.OCR_CPU);
    assertThat(JobService.validJobType(spec("tesseract", "eng", "eng")).queue())
        .isEqualTo(TaskQueues.OCR_CPU);
    assertThat(JobService.validJobType(spec("paddle", "ppocr-v4", "en")).queue())
        .isEqualTo(TaskQueues.OCR_GPU);
    assertThatThrownBy(() -> JobService.validJobType(spec("null", "x", "en")))
        .hasMessage("the null engine's model is empty or text, got 'x'");
  }

  @Test
  void aFormatNoWriterKnowsIsRefusedNamingTheKnownOnes() {
    JobTypeSpec docx =
        new JobTypeSpec(
            0, "t", "tesseract", "eng", "eng", "unicode", "auto", List.of("txt", "docx"));
    assertThatThrownBy(() -> JobService.validJobType(docx))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown output format 'docx'; known formats: txt, json, page, alto, hocr, pdf, md");
    JobTypeSpec md =
        new JobTypeSpec(0, "t", "tesseract", "eng", "eng", "unicode", "auto", List.of("txt", "md"));
    assertThat(JobService.validJobType(md).outputFormats()).containsExactly("txt", "md");
  }

  @Test
  void wrongModelsAndEnginesSayWhatIsExpected() {
    assertThatThrownBy(() -> JobService.validJobType(spec("paddle", "ppocr-v5", "en")))
        .hasMessage("the paddle engine's model is ppocr-v4 (built in), got 'ppocr-v5'");
    assertThatThrownBy(() -> JobService.validJobType(spec("paddle", "ppocr-v4", "fr")))
        .hasMessage("the paddle engine's language is en or ch, got 'fr'");
    assertThatThrownBy(() -> JobService.validJobType(spec("bdrc", "../etc", "bo")))
        .hasMessageStartingWith("a bdrc model is a model directory's name, or Recognition+Lines");
    assertThatThrownBy(() -> JobService.validJobType(spec("easyocr", "x", "en")))
        .hasMessage(
            "engine must be tesseract, tesseract-lines, paddle, bdrc or null, got 'easyocr'");
  }
}
