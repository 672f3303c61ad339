package io.ocrbatch.activities.ocr.tesseract;

import static io.ocrbatch.activities.ocr.FieldRules.quote;
import static io.ocrbatch.activities.ocr.FieldRules.require;

import io.ocrbatch.activities.ocr.EngineResources;
import io.ocrbatch.activities.ocr.FileDigests;
import io.ocrbatch.workflows.JobTypeSpec;

/** A job type's model as Tesseract engines name it: a traineddata file in Tesseract's folder. */
public final class Traineddata {
  private Traineddata() {}

  /** IllegalArgumentException unless the model is a traineddata name such as {@code bod}. */
  public static void validate(JobTypeSpec type) {
    require(
        type.model() != null && type.model().matches("[A-Za-z0-9_+-]+"),
        "model must name a traineddata file (e.g. bod), got " + quote(type.model()));
  }

  /** The digest of the model's traineddata file on this worker. */
  public static String digest(JobTypeSpec type, EngineResources resources) {
    return FileDigests.sha256(resources.tessdata().resolve(type.model() + ".traineddata"));
  }

  /** {@code tesseract 5.5.2 (eng)}: the engine, Tesseract's version and the traineddata. */
  public static String version(String engine, String model) {
    return engine + " " + TesseractEngine.libraryVersion() + " (" + model + ")";
  }
}
