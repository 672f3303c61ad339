package io.ocrbatch.activities.ocr;

import io.ocrbatch.activities.engines.EngineRegistry;
import io.ocrbatch.workflows.JobTypeSpec;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Everything about one OCR engine, in its own package: the job-type fields it accepts, the queue
 * its pages need, its version, its creation and what a worker reports about it. Listed in {@link
 * EngineRegistry}; nothing outside the engine's package names the engine.
 */
public interface EngineProvider {

  /** The engine's name in job types ({@code engine} column, {@code --engine}). */
  String id();

  /** The task queue its pages go to: {@code TaskQueues.OCR_CPU} or {@code TaskQueues.OCR_GPU}. */
  String queue();

  /** One line for help texts: what {@code model} and {@code language} mean for this engine. */
  String fieldsHelp();

  /**
   * Checks the engine's own fields (model, language); throws IllegalArgumentException saying what
   * is wrong.
   */
  void validate(JobTypeSpec type);

  /**
   * The engine's name and version for provenance; {@code engine} is the loaded engine on this
   * worker, or null where none is loaded (the volume's manifest), which may say less.
   */
  String version(JobTypeSpec type, OcrEngine engine);

  /**
   * The digest ({@code sha256:…}) of the model files the job type names on this worker, or null.
   */
  default String modelDigest(JobTypeSpec type, EngineResources resources) {
    return null;
  }

  /**
   * The engine for one worker thread; EngineUnavailableException saying what to install when it
   * cannot load.
   */
  OcrEngine create(JobTypeSpec type, EngineResources resources);

  /**
   * The job type {@code evaluate --types} means by {@code name}, when this engine owns that name.
   */
  Optional<JobTypeSpec> evaluationType(String name);

  /** The names {@code evaluate --types} accepts for this engine, for its error message. */
  String evaluationNames();

  /**
   * Names of this engine's own language codes, or null when its codes are ISO 639 / Tesseract's.
   */
  default Map<String, String> languageNames() {
    return null;
  }

  /**
   * Logs what this worker has for the engine, and whether {@code type} can run here (worker
   * start-up).
   */
  default void report(JobTypeSpec type, EngineResources resources, Logger log) {}

  /** Logs, once per worker, what this engine has here (its models). */
  default void reportModels(EngineResources resources, Logger log) {}

  /** Called once when a worker's engines are set up: check and load what must fail at start-up. */
  default void prepare(EngineResources resources) {}
}
