package io.ocrbatch.activities.ocr.bdrc;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocrbatch.activities.files.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A BDRC model directory's configuration. Recognition models have a {@code model_config.json} that
 * names their charset; BDRC's line and layout models have a {@code config.json} ({@code
 * onnx-model}, {@code patch_size}, 512 unless given, and for layout models the {@code classes} of
 * their output planes). A {@code model_config.json} without a charset is a line model too.
 *
 * <p>{@code add_blank} and {@code version}, which BDRC's training does not write, default to yes
 * (its models have the CTC blank at class 0) and to nothing. Beyond BDRC's fields, two optional
 * ones: {@code input_channels} (the model's channels when its input shape does not say) and, for
 * line models, {@code activation} ({@code sigmoid}, the default, or {@code none} for models that
 * output probabilities).
 */
public record ModelConfig(
    Path directory,
    Path modelFile,
    String architecture,
    String version,
    int inputWidth,
    int inputHeight,
    String inputLayer,
    String outputLayer,
    String encoder,
    boolean squeezeChannel,
    boolean swapHw,
    List<String> charset,
    boolean addBlank,
    int patchSize,
    Integer inputChannels,
    boolean sigmoid,
    List<String> classes) {

  public static final String FILE = "model_config.json";

  /** BDRC's line and layout models' configuration file. */
  public static final String LINES_FILE = "config.json";

  /** The layout class whose plane holds text lines. */
  public static final String LINE_CLASS = "line";

  public boolean recognizesText() {
    return charset != null;
  }

  /** Whether this is a layout model, whose output has one plane per class. */
  public boolean isLayout() {
    return classes != null;
  }

  public String name() {
    return directory.getFileName().toString();
  }

  /** Whether the directory holds a model: a {@code model_config.json} or a {@code config.json}. */
  public static boolean isModel(Path directory) {
    return Files.isRegularFile(directory.resolve(FILE))
        || Files.isRegularFile(directory.resolve(LINES_FILE));
  }

  /** Reads and checks a model directory; the error names the file and the field at fault. */
  public static ModelConfig read(Path directory) {
    Path file = directory.resolve(FILE);
    if (!Files.isRegularFile(file)) file = directory.resolve(LINES_FILE);
    if (!Files.isRegularFile(file))
      throw new InvalidModelException(directory + " has no " + FILE + " or " + LINES_FILE);
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidModelException(
          file
              + " is not valid JSON: "
              + e.getOriginalMessage()
              + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    } catch (IOException e) {
      throw new InvalidModelException("cannot read " + file + ": " + e.getMessage());
    }
    if (json == null || !json.isObject())
      throw new InvalidModelException(file + " must hold a JSON object");
    Fields f = new Fields(file, json);
    String model = f.text("onnx-model", null);
    if (model == null) model = f.text("model", null);
    if (model == null)
      throw new InvalidModelException(
          file + ": 'onnx-model' (the model file in " + directory + ") is missing");
    Path modelFile = directory.resolve(model).normalize();
    if (!modelFile.startsWith(directory.normalize()) || !Files.isRegularFile(modelFile)) {
      throw new InvalidModelException(
          file + ": 'onnx-model' names " + model + ", which is not a file in " + directory);
    }
    String lower = model.toLowerCase(Locale.ROOT);
    if (!lower.endsWith(".onnx") && !lower.endsWith(".pt") && !lower.endsWith(".torchscript")) {
      throw new InvalidModelException(
          file + ": 'onnx-model' must be an .onnx or a TorchScript .pt file, got " + model);
    }
    List<String> charset = f.charset();
    boolean text = charset != null;
    List<String> classes = text ? null : f.classes();
    String encoder = f.text("encoder", text ? null : "stack");
    if (text && !List.of("wylie", "stack").contains(encoder)) {
      throw new InvalidModelException(
          file
              + ": 'encoder' must be wylie or stack, got "
              + (encoder == null ? "nothing" : "'" + encoder + "'"));
    }
    return new ModelConfig(
        directory,
        modelFile,
        f.text("architecture", ""),
        f.text("version", ""),
        text ? f.positive("input_width", null) : 0,
        text ? f.positive("input_height", null) : 0,
        f.text("input_layer", null),
        f.text("output_layer", null),
        encoder,
        f.yesNo("squeeze_channel_dim", false),
        f.yesNo("swap_hw", false),
        charset,
        f.yesNo("add_blank", true),
        text ? 0 : f.positive("patch_size", 512),
        json.has("input_channels") ? f.positive("input_channels", null) : null,
        !"none".equals(f.text("activation", "sigmoid")),
        classes);
  }

  /** Field readers that say which field is wrong and what was there. */
  private record Fields(Path file, JsonNode json) {
    String text(String field, String otherwise) {
      JsonNode v = json.get(field);
      if (v == null || v.isNull()) return otherwise;
      if (!v.isTextual()) throw invalid(field, "must be a string", v);
      return v.asText();
    }

    int positive(String field, Integer otherwise) {
      JsonNode v = json.get(field);
      if (v == null || v.isNull()) {
        if (otherwise == null)
          throw new InvalidModelException(file + ": '" + field + "' is missing");
        return otherwise;
      }
      int n;
      if (v.canConvertToInt()) n = v.asInt();
      else if (v.isTextual() && v.asText().strip().matches("\\d{1,9}"))
        n = Integer.parseInt(v.asText().strip());
      else throw invalid(field, "must be a positive integer", v);
      if (n <= 0) throw invalid(field, "must be a positive integer", v);
      return n;
    }

    boolean yesNo(String field, boolean otherwise) {
      JsonNode v = json.get(field);
      if (v == null || v.isNull()) return otherwise;
      if (v.isBoolean()) return v.asBoolean();
      String s = v.asText().strip().toLowerCase(Locale.ROOT);
      return switch (s) {
        case "yes", "true" -> true;
        case "no", "false" -> false;
        default -> throw invalid(field, "must be \"yes\" or \"no\"", v);
      };
    }

    /** A string (one class per code point) or a list of strings; null for line models. */
    List<String> charset() {
      JsonNode v = json.get("charset");
      if (v == null || v.isNull()) return null;
      List<String> classes = new ArrayList<>();
      if (v.isTextual()) {
        v.asText().codePoints().forEach(c -> classes.add(new String(Character.toChars(c))));
      } else if (v.isArray()) {
        for (JsonNode c : v) {
          if (!c.isTextual()) throw invalid("charset", "must list strings", c);
          classes.add(c.asText());
        }
      } else {
        throw invalid("charset", "must be a string or a list of strings", v);
      }
      if (classes.isEmpty()) throw invalid("charset", "must not be empty", v);
      return List.copyOf(classes);
    }

    /** A layout model's classes, one per output plane; one of them must be "line". */
    List<String> classes() {
      JsonNode v = json.get("classes");
      if (v == null || v.isNull()) return null;
      if (!v.isArray()) throw invalid("classes", "must be a list of class names", v);
      List<String> classes = new ArrayList<>();
      for (JsonNode c : v) {
        if (!c.isTextual()) throw invalid("classes", "must list strings", c);
        classes.add(c.asText());
      }
      if (!classes.contains(LINE_CLASS))
        throw invalid("classes", "must name the \"" + LINE_CLASS + "\" class", v);
      return List.copyOf(classes);
    }

    private InvalidModelException invalid(String field, String rule, JsonNode value) {
      String shown = value.toString();
      if (shown.length() > 60) shown = shown.substring(0, 57) + "...";
      return new InvalidModelException(file + ": '" + field + "' " + rule + ", got " + shown);
    }
  }
}
