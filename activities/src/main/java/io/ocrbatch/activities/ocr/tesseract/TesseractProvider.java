package io.ocrbatch.activities.ocr.tesseract;

import io.ocrbatch.activities.ocr.EngineProvider;
import io.ocrbatch.activities.ocr.EngineResources;
import io.ocrbatch.activities.ocr.OcrEngine;
import io.ocrbatch.workflows.JobTypeSpec;
import io.ocrbatch.workflows.TaskQueues;
import java.util.List;
import java.util.Optional;

/** Tesseract 5 (bytedeco), on the CPU queue; the model names a traineddata file. */
public final class TesseractProvider implements EngineProvider {
  public static final String ID = "tesseract";

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
    return "tesseract (model: a traineddata name such as eng or bod)";
  }

  @Override
  public void validate(JobTypeSpec type) {
    Traineddata.validate(type);
  }

  @Override
  public String version(JobTypeSpec type, OcrEngine engine) {
    return version(type.model());
  }

  /** {@code tesseract 5.5.2 (eng)}: the library's version and the traineddata. */
  static String version(String model) {
    return Traineddata.version(ID, model);
  }

  @Override
  public String modelDigest(JobTypeSpec type, EngineResources resources) {
    return Traineddata.digest(type, resources);
  }

  @Override
  public OcrEngine create(JobTypeSpec type, EngineResources resources) {
    return new TesseractEngine(resources.tessdata(), type.model(), pageSegMode(type.lineMode()));
  }

  /** Tesseract page segmentation: a uniform block for Tibetan pechas, one line, or automatic. */
  static int pageSegMode(String lineMode) {
    return switch (lineMode) {
      case "block" -> 6;
      case "line" -> 7;
      default -> 3;
    };
  }

  /**
   * {@code tesseract-eng}, and {@code tesseract-bod-page}: Tibetan read as one uniform block (PSM
   * 6), as the Tibetan job types did before {@code tesseract-lines}, to compare with it.
   */
  @Override
  public Optional<JobTypeSpec> evaluationType(String name) {
    return switch (name) {
      case "tesseract-eng" ->
          Optional.of(
              new JobTypeSpec(
                  0, name, ID, "eng", "eng", "unicode", "auto", List.of("txt"), queue()));
      case "tesseract-bod-page" ->
          Optional.of(
              new JobTypeSpec(
                  0, name, ID, "bod", "bod", "unicode", "block", List.of("txt"), queue()));
      default -> Optional.empty();
    };
  }

  @Override
  public String evaluationNames() {
    return "tesseract-eng, tesseract-bod-page";
  }
}
