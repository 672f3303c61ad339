package io.ocrbatch.activities.testing;

import io.ocrbatch.activities.files.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BDRC-style model directories assembled around models that can be had offline (BDRC's own weights
 * cannot be downloaded here): the PP-OCRv4 recognition model as a "stack" (Unicode) recognition
 * model, the PP-OCRv4 detection model as a line model, and a tiny TorchScript model (made by {@code
 * src/test/python/make_torchscript.py}) whose every time step reads class 2.
 */
public final class ModelFixtures {
  private ModelFixtures() {}

  /** PP-OCRv4 recognition behind a model_config.json, 48×960 input, Unicode charset as a list. */
  public static Path paddleRecognition(Path root, String name) {
    Path dir = copy(root.resolve(name), "models/ch_PP-OCRv4_rec_infer.onnx", "rec.onnx");
    List<String> charset = new ArrayList<>(lines("models/ppocr_keys_v1.txt"));
    charset.add(" ");
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("onnx-model", "rec.onnx");
    config.put("architecture", "PP-OCRv4 rec (test stand-in)");
    config.put("version", "test-1");
    config.put("input_width", 960);
    config.put("input_height", 48);
    config.put("input_layer", "x");
    config.put("input_channels", 3);
    config.put("encoder", "stack");
    config.put("squeeze_channel_dim", "no");
    config.put("swap_hw", "no");
    config.put("charset", charset);
    config.put("add_blank", "yes");
    return write(dir, config);
  }

  /** PP-OCRv4 detection as a line model: 512 tiles; it outputs probabilities, so no sigmoid. */
  public static Path paddleLines(Path root, String name) {
    Path dir = copy(root.resolve(name), "models/ch_PP-OCRv4_det_infer.onnx", "lines.onnx");
    return write(
        dir,
        Map.of(
            "onnx-model",
            "lines.onnx",
            "architecture",
            "DB (test stand-in)",
            "patch_size",
            512,
            "activation",
            "none"));
  }

  /**
   * The TorchScript stand-in: input [N,1,H,W], output [N, W/4, 5]; charset "abcd" + blank, so it
   * reads "b".
   */
  public static Path torchScript(Path root, String name) {
    Path dir = copy(root.resolve(name), "models/rec_model.pt", "rec_model.pt");
    return write(
        dir,
        Map.of(
            "onnx-model",
            "rec_model.pt",
            "architecture",
            "TorchScript stand-in",
            "input_width",
            320,
            "input_height",
            48,
            "encoder",
            "stack",
            "squeeze_channel_dim",
            "no",
            "swap_hw",
            "no",
            "charset",
            "abcd",
            "add_blank",
            "yes"));
  }

  /**
   * The tiny BDRC-style models of {@code src/test/python/make_bdrc_models.py}, each with the
   * configuration BDRC reads: TinyLines (a line model, {@code config.json}), TinyLayout (a layout
   * model with classes) and TinyWylie (a Wylie recognizer, {@code model_config.json} without {@code
   * add_blank} or {@code version}, as BDRC's training writes it).
   */
  public static Path tinyBdrc(Path root) {
    Map<String, List<String>> files =
        Map.of(
            "TinyLines", List.of("lines.onnx", "config.json"),
            "TinyLayout", List.of("layout.onnx", "config.json"),
            "TinyWylie", List.of("rec.onnx", "model_config.json"));
    files.forEach(
        (model, names) ->
            names.forEach(
                name ->
                    copy(root.resolve(model), "bdrc-golden/models/" + model + "/" + name, name)));
    return root;
  }

  /**
   * The page of the BDRC golden data that the tiny models read ({@code bdrc-golden/pipeline}):
   * BDRC's pipeline reads it as the Wylie lines "ka ka", "kaka ka ka" and "ka ka ka".
   */
  public static Path tinyBdrcPage(Path target) {
    copy(target.getParent(), "bdrc-golden/pipeline/page.png", target.getFileName().toString());
    return target;
  }

  /** One line of English, cut tight as a line detector would, 640×40 px. */
  public static java.awt.image.BufferedImage lineImage(String text) {
    var image =
        new java.awt.image.BufferedImage(640, 40, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
    var g = image.createGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, 640, 40);
    g.setColor(java.awt.Color.BLACK);
    g.setRenderingHint(
        java.awt.RenderingHints.KEY_TEXT_ANTIALIASING,
        java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(new java.awt.Font(java.awt.Font.SERIF, java.awt.Font.PLAIN, 26));
    g.drawString(text, 8, 29);
    g.dispose();
    return image;
  }

  public static Path write(Path dir, Map<String, Object> config) {
    try {
      Files.createDirectories(dir);
      Files.write(dir.resolve("model_config.json"), Json.MAPPER.writeValueAsBytes(config));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path copy(Path dir, String resource, String fileName) {
    try (InputStream in = ModelFixtures.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException(resource + " is not on the test classpath");
      Files.createDirectories(dir);
      Files.copy(in, dir.resolve(fileName));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> lines(String resource) {
    try (InputStream in = ModelFixtures.class.getClassLoader().getResourceAsStream(resource)) {
      return List.of(
          new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r", "").split("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
