package io.ocrbatch.activities.ocr.bdrc;

import static io.ocrbatch.activities.ocr.FieldRules.quote;
import static io.ocrbatch.activities.ocr.FieldRules.require;

import io.ocrbatch.activities.ocr.EngineProvider;
import io.ocrbatch.activities.ocr.EngineResources;
import io.ocrbatch.activities.ocr.EngineUnavailableException;
import io.ocrbatch.activities.ocr.FileDigests;
import io.ocrbatch.activities.ocr.OcrEngine;
import io.ocrbatch.activities.ocr.neural.NeuralDevices;
import io.ocrbatch.workflows.JobTypeSpec;
import io.ocrbatch.workflows.TaskQueues;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * BDRC model directories ({@code --model-dir}) on DJL, on the GPU queue; the model is {@code
 * Recognition[+Lines]}.
 */
public final class BdrcProvider implements EngineProvider {
  public static final String ID = "bdrc";
  private static final String EVALUATION_PREFIX = ID + ":";

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
    return "bdrc (model: a --model-dir model, or Recognition+Lines, then optionally"
        + " :k-factor=2.5,bbox-tolerance=4,merge-lines=no,beam-width=100)";
  }

  @Override
  public void validate(JobTypeSpec type) {
    require(
        type.model() != null && type.model().matches("[A-Za-z0-9._-]+(\\+[A-Za-z0-9._-]+)?(:.*)?"),
        "a bdrc model is a model directory's name, or Recognition+Lines (e.g. Woodblock+PhotiLines), got "
            + quote(type.model()));
    try {
      BdrcOptions.parse(type.model());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bdrc model " + quote(type.model()) + ": " + e.getMessage(), e);
    }
  }

  /**
   * The loaded engine's version (models, their versions, runtime, device), else {@code bdrc
   * (Model)}.
   */
  @Override
  public String version(JobTypeSpec type, OcrEngine engine) {
    return engine != null ? engine.version() : ID + " (" + type.model() + ")";
  }

  /** The recognition model file's digest, then the line model's ({@code sha256:…+sha256:…}). */
  @Override
  public String modelDigest(JobTypeSpec type, EngineResources resources) {
    ModelDirectory.Pair pair = pair(type, resources);
    String recognition = FileDigests.sha256(pair.recognition().modelFile());
    if (pair.lines() == null || recognition == null) return recognition;
    return recognition + "+" + FileDigests.sha256(pair.lines().modelFile());
  }

  @Override
  public OcrEngine create(JobTypeSpec type, EngineResources resources) {
    return new BdrcEngine(
        NeuralDevices.forThisThread(resources),
        pair(type, resources),
        "line".equals(type.lineMode()),
        BdrcOptions.parse(type.model()).options(),
        type.encoding());
  }

  private static ModelDirectory.Pair pair(JobTypeSpec type, EngineResources resources) {
    return models(resources).resolve(BdrcOptions.parse(type.model()).models(), type.name());
  }

  @Override
  public Optional<JobTypeSpec> evaluationType(String name) {
    if (!name.startsWith(EVALUATION_PREFIX)) return Optional.empty();
    String model = name.substring(EVALUATION_PREFIX.length());
    return Optional.of(
        new JobTypeSpec(0, name, ID, model, "en", "unicode", "block", List.of("txt"), queue()));
  }

  @Override
  public String evaluationNames() {
    return EVALUATION_PREFIX + "Model[+Lines]";
  }

  /**
   * The worker's model directories, scanned once: a malformed model stops the worker at start-up.
   */
  private static ModelDirectory models(EngineResources resources) {
    return resources.shared(ModelDirectory.class, () -> ModelDirectory.scan(resources.modelDir()));
  }

  @Override
  public void prepare(EngineResources resources) {
    models(resources);
  }

  @Override
  public void reportModels(EngineResources resources, Logger log) {
    ModelDirectory models = models(resources);
    if (models.root() == null) {
      log.info(
          "No model directory (--model-dir / OCRBATCH_MODEL_DIR): job types of engine '{}' cannot run here",
          ID);
      return;
    }
    models
        .models()
        .values()
        .forEach(
            m ->
                log.info(
                    "Model {}: {} {} ({})",
                    m.name(),
                    m.recognizesText()
                        ? "recognition, " + m.encoder() + ","
                        : m.isLayout() ? "layout " + m.classes() + "," : "line detection,",
                    m.modelFile().getFileName(),
                    m.architecture().isEmpty() ? "architecture not given" : m.architecture()));
  }

  @Override
  public void report(JobTypeSpec type, EngineResources resources, Logger log) {
    try {
      pair(type, resources);
    } catch (EngineUnavailableException e) {
      log.warn("Job type {} cannot run on this worker: {}", type.name(), e.getMessage());
    }
  }
}
