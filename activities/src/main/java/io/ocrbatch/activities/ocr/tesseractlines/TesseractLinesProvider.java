package io.ocrbatch.activities.ocr.tesseractlines;

import io.ocrbatch.activities.ocr.EngineProvider;
import io.ocrbatch.activities.ocr.EngineResources;
import io.ocrbatch.activities.ocr.OcrEngine;
import io.ocrbatch.activities.ocr.tesseract.Traineddata;
import io.ocrbatch.workflows.JobTypeSpec;
import io.ocrbatch.workflows.TaskQueues;
import java.util.List;
import java.util.Optional;

/**
 * Tesseract on the lines of a pecha page, found first by projection profiles (frame and margins
 * left out), each read as one line: the Tibetan job types' engine, on the CPU queue. The model
 * names a traineddata file, as for {@code tesseract}.
 */
public final class TesseractLinesProvider implements EngineProvider {
  public static final String ID = "tesseract-lines";

  /** The evaluation name of the Tibetan job type this engine reads. */
  static final String TIBETAN = "tesseract-bod-unicode";

  /** The job-type language whose text is Tibetan only (see TesseractLinesEngine.NOT_TIBETAN). */
  static final String TIBETAN_LANGUAGE = "bod";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String queue() {
    return TaskQueues.OCR_CPU;
  }

  @Override
  public String fieldsHelp() {
    return ID
        + " (model: a traineddata name such as bod; lines found on the page first, each read"
        + " alone: for pechas)";
  }

  @Override
  public void validate(JobTypeSpec type) {
    Traineddata.validate(type);
  }

  @Override
  public String version(JobTypeSpec type, OcrEngine engine) {
    return version(type.model());
  }

  /** {@code tesseract-lines 5.5.2 (bod)}. */
  static String version(String model) {
    return Traineddata.version(ID, model);
  }

  @Override
  public String modelDigest(JobTypeSpec type, EngineResources resources) {
    return Traineddata.digest(type, resources);
  }

  @Override
  public OcrEngine create(JobTypeSpec type, EngineResources resources) {
    return new TesseractLinesEngine(
        resources.tessdata(),
        type.model(),
        TIBETAN_LANGUAGE.equals(type.language()),
        "line".equals(type.lineMode()));
  }

  @Override
  public Optional<JobTypeSpec> evaluationType(String name) {
    if (!name.equals(TIBETAN)) return Optional.empty();
    return Optional.of(
        new JobTypeSpec(0, name, ID, "bod", "bod", "unicode", "block", List.of("txt"), queue()));
  }

  @Override
  public String evaluationNames() {
    return TIBETAN;
  }
}
