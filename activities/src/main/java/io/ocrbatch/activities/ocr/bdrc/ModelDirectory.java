package io.ocrbatch.activities.ocr.bdrc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The models under {@code --model-dir}: every sub-folder holding a {@code model_config.json} or
 * BDRC's line-model {@code config.json} (or the folder itself when it holds one), by folder name.
 * All are read and checked at once, so a malformed model stops the worker at start-up instead of
 * failing pages later.
 */
public record ModelDirectory(Path root, Map<String, ModelConfig> models) {

  /** No model directory: BDRC job types are not served. */
  public static final ModelDirectory NONE = new ModelDirectory(null, Map.of());

  public static ModelDirectory scan(Path root) {
    if (root == null) return NONE;
    if (!Files.isDirectory(root))
      throw new InvalidModelException("model directory " + root + " does not exist");
    Map<String, ModelConfig> models = new TreeMap<>();
    if (ModelConfig.isModel(root)) {
      ModelConfig config = ModelConfig.read(root);
      models.put(config.name(), config);
    } else {
      try (Stream<Path> children = Files.list(root)) {
        children
            .filter(ModelConfig::isModel)
            .sorted()
            .forEach(
                d -> {
                  ModelConfig config = ModelConfig.read(d);
                  models.put(config.name(), config);
                });
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list model directory " + root, e);
      }
    }
    return new ModelDirectory(root, Collections.unmodifiableMap(models));
  }

  /**
   * The recognition model a job type names, and its line-detection model: {@code model} is {@code
   * Recognition} or {@code Recognition+Lines}.
   */
  public Pair resolve(String model, String typeName) {
    String[] parts = model.split("\\+", 2);
    ModelConfig recognition = named(parts[0], typeName);
    if (!recognition.recognizesText()) {
      throw new InvalidModelException(
          "model '" + parts[0] + "' of job type '" + typeName + "' is a line model (no charset)");
    }
    ModelConfig lines = parts.length > 1 ? named(parts[1], typeName) : null;
    if (lines != null && lines.recognizesText()) {
      throw new InvalidModelException(
          "model '"
              + parts[1]
              + "' of job type '"
              + typeName
              + "' recognises text; a line model has no charset");
    }
    return new Pair(recognition, lines);
  }

  /** A recognition model and, unless pages are single lines, its line model. */
  public record Pair(ModelConfig recognition, ModelConfig lines) {}

  private ModelConfig named(String name, String typeName) {
    ModelConfig config = models.get(name);
    if (config == null) {
      throw new InvalidModelException(
          root == null
              ? "job type '"
                  + typeName
                  + "' needs model '"
                  + name
                  + "' but this worker has no --model-dir (OCRBATCH_MODEL_DIR)"
              : "job type '"
                  + typeName
                  + "' needs model '"
                  + name
                  + "', which is not in "
                  + root
                  + " (it has "
                  + models.keySet()
                  + ")");
    }
    return config;
  }
}
