package io.ocrbatch.activities.ocr.paddle;

import static io.ocrbatch.activities.ocr.FieldRules.quote;
import static io.ocrbatch.activities.ocr.FieldRules.require;

import io.ocrbatch.activities.ocr.EngineProvider;
import io.ocrbatch.activities.ocr.EngineResources;
import io.ocrbatch.activities.ocr.OcrEngine;
import io.ocrbatch.activities.ocr.neural.NeuralDevices;
import io.ocrbatch.activities.ocr.neural.NeuralModels;
import io.ocrbatch.workflows.JobTypeSpec;
import io.ocrbatch.workflows.TaskQueues;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PaddleOCR PP-OCRv4 on DJL (built-in model), on the GPU queue; languages {@code en} and {@code
 * ch}.
 */
public final class PaddleProvider implements EngineProvider {
  public static final String ID = "paddle";
  static final String MODEL = "ppocr-v4";
  private static final Map<String, String> LANGUAGES =
      Map.of("en", "English", "ch", "Chinese and English");

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String queue() {
    return TaskQueues.OCR_GPU;
  }

  @Override
  public String fieldsHelp() {
    return "paddle (model " + MODEL + ", language en|ch)";
  }

  @Override
  public void validate(JobTypeSpec type) {
    require(
        MODEL.equals(type.model()),
        "the paddle engine's model is " + MODEL + " (built in), got " + quote(type.model()));
    require(
        LANGUAGES.containsKey(type.language()),
        "the paddle engine's language is en or ch, got " + quote(type.language()));
  }

  @Override
  public String version(JobTypeSpec type, OcrEngine engine) {
    return version(type.language(), engine instanceof PaddleOcrEngine e ? e.runtime() : null);
  }

  /**
   * {@code paddle PP-OCRv4 (en)}, with the runtime where the engine is loaded ({@code en,
   * onnxruntime cpu()}).
   */
  static String version(String language, String runtime) {
    return ID + " PP-OCRv4 (" + language + (runtime == null ? "" : ", " + runtime) + ")";
  }

  @Override
  public OcrEngine create(JobTypeSpec type, EngineResources resources) {
    NeuralModels models = NeuralDevices.forThisThread(resources);
    return new PaddleOcrEngine(models, type.language(), NeuralDevices.recognitionBatch(models));
  }

  @Override
  public Optional<JobTypeSpec> evaluationType(String name) {
    if (!name.equals("paddle-en") && !name.equals("paddle-ch")) return Optional.empty();
    return Optional.of(
        new JobTypeSpec(
            0, name, ID, MODEL, name.substring(7), "unicode", "auto", List.of("txt"), queue()));
  }

  @Override
  public String evaluationNames() {
    return "paddle-en, paddle-ch";
  }

  @Override
  public Map<String, String> languageNames() {
    return LANGUAGES;
  }
}
