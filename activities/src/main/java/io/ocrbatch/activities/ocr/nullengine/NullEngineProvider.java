package io.ocrbatch.activities.ocr.nullengine;

import static io.ocrbatch.activities.ocr.FieldRules.quote;
import static io.ocrbatch.activities.ocr.FieldRules.require;

import io.ocrbatch.activities.ocr.EngineProvider;
import io.ocrbatch.activities.ocr.EngineResources;
import io.ocrbatch.activities.ocr.OcrEngine;
import io.ocrbatch.workflows.JobTypeSpec;
import io.ocrbatch.workflows.TaskQueues;
import java.util.List;
import java.util.Optional;

/**
 * The reference provider: no native code, no model files, on the CPU queue. Engine {@code null},
 * model {@code empty} (pages without text) or {@code text} (one fixed line per page).
 */
public final class NullEngineProvider implements EngineProvider {
  public static final String ID = "null";
  static final String EMPTY_MODEL = "empty";
  static final String TEXT_MODEL = "text";

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
    return "null (model empty or text: no OCR, for tests and benchmarks)";
  }

  @Override
  public void validate(JobTypeSpec type) {
    require(
        List.of(EMPTY_MODEL, TEXT_MODEL).contains(type.model()),
        "the null engine's model is empty or text, got " + quote(type.model()));
  }

  @Override
  public String version(JobTypeSpec type, OcrEngine engine) {
    return version(type.model());
  }

  static String version(String model) {
    return ID + " 1 (" + model + ")";
  }

  @Override
  public OcrEngine create(JobTypeSpec type, EngineResources resources) {
    return new NullEngine(type.model());
  }

  @Override
  public Optional<JobTypeSpec> evaluationType(String name) {
    if (!name.equals("null-text")) return Optional.empty();
    return Optional.of(
        new JobTypeSpec(
            0, name, ID, TEXT_MODEL, "eng", "unicode", "auto", List.of("txt"), queue()));
  }

  @Override
  public String evaluationNames() {
    return "null-text";
  }
}
