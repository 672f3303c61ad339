package io.ocrbatch.activities.ocr.bdrc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocrbatch.activities.testing.ModelFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelConfigTest {
  @TempDir Path root;

  private Path woodblock(Map<String, Object> changes) throws IOException {
    Path dir = Files.createDirectories(root.resolve("Woodblock"));
    Files.write(dir.resolve("Woodblock.onnx"), new byte[] {1});
    Map<String, Object> config =
        new HashMap<>(
            Map.of(
                "onnx-model",
                "Woodblock.onnx",
                "architecture",
                "crnn",
                "version",
                "2.1",
                "input_width",
                2000,
                "input_height",
                80,
                "input_layer",
                "input",
                "output_layer",
                "output",
                "encoder",
                "wylie",
                "squeeze_channel_dim",
                "yes",
                "swap_hw",
                "no"));
    config.put("charset", "abc§");
    config.put("add_blank", "yes");
    config.putAll(changes);
    config.values().removeIf(v -> v.equals("<absent>"));
    return ModelFixtures.write(dir, config);
  }

  @Test
  void readsBdrcFieldsWithYesNoFlagsAndAStringCharset() throws IOException {
    ModelConfig c = ModelConfig.read(woodblock(Map.of()));
    assertThat(c.name()).isEqualTo("Woodblock");
    assertThat(c.modelFile()).isEqualTo(root.resolve("Woodblock/Woodblock.onnx"));
    assertThat(c.inputWidth()).isEqualTo(2000);
    assertThat(c.inputHeight()).isEqualTo(80);
    assertThat(c.encoder()).isEqualTo("wylie");
    assertThat(c.squeezeChannel()).isTrue();
    assertThat(c.swapHw()).isFalse();
    assertThat(c.charset()).containsExactly("a", "b", "c", "§");
    assertThat(c.addBlank()).isTrue();
    assertThat(c.recognizesText()).isTrue();
  }

  @Test
  void acceptsAListCharsetBooleansAndNumbersAsStrings() throws IOException {
    ModelConfig c =
        ModelConfig.read(
            woodblock(
                Map.of(
                    "charset",
                    java.util.List.of("ka", "kha", " "),
                    "swap_hw",
                    true,
                    "add_blank",
                    "no",
                    "input_width",
                    "1024")));
    assertThat(c.charset()).containsExactly("ka", "kha", " ");
    assertThat(c.swapHw()).isTrue();
    assertThat(c.addBlank()).isFalse();
    assertThat(c.inputWidth()).isEqualTo(1024);
  }

  @Test
  void aLineModelHasNoCharsetAndDefaultsTo512Patches() throws IOException {
    ModelConfig c =
        ModelConfig.read(
            woodblock(
                Map.of("charset", "<absent>", "encoder", "<absent>", "input_width", "<absent>")));
    assertThat(c.recognizesText()).isFalse();
    assertThat(c.patchSize()).isEqualTo(512);
    assertThat(c.sigmoid()).isTrue();
  }

  @Test
  void eachMalformedFieldIsNamedWithTheFile() throws IOException {
    String file = root.resolve("Woodblock/model_config.json").toString();
    assertThatThrownBy(() -> ModelConfig.read(woodblock(Map.of("input_width", "wide"))))
        .isInstanceOf(InvalidModelException.class)
        .hasMessage(file + ": 'input_width' must be a positive integer, got \"wide\"");
    assertThatThrownBy(() -> ModelConfig.read(woodblock(Map.of("input_height", "<absent>"))))
        .hasMessage(file + ": 'input_height' is missing");
    assertThatThrownBy(() -> ModelConfig.read(woodblock(Map.of("encoder", "ascii"))))
        .hasMessage(file + ": 'encoder' must be wylie or stack, got 'ascii'");
    assertThatThrownBy(() -> ModelConfig.read(woodblock(Map.of("squeeze_channel_dim", "maybe"))))
        .hasMessage(file + ": 'squeeze_channel_dim' must be \"yes\" or \"no\", got \"maybe\"");
    assertThatThrownBy(() -> ModelConfig.read(woodblock(Map.of("onnx-model", "missing.onnx"))))
        .hasMessageContaining("'onnx-model' names missing.onnx, which is not a file in");
    assertThatThrownBy(
            () ->
                ModelConfig.read(woodblock(Map.of("onnx-model", "../Woodblock/../../etc/passwd"))))
        .hasMessageContaining("which is not a file in");
    assertThatThrownBy(() -> ModelConfig.read(woodblock(Map.of("charset", 42))))
        .hasMessage(file + ": 'charset' must be a string or a list of strings, got 42");
  }

  @Test
  void brokenJsonAndMissingDirectoriesAreClearErrors() throws IOException {
    Path dir = woodblock(Map.of());
    Files.writeString(
        dir.resolve("model_config.json"),
        "{\"onnx-model\": \"Woodblock.onnx\",\n \"input_width\": }");
    assertThatThrownBy(() -> ModelDirectory.scan(root))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageStartingWith(dir.resolve("model_config.json") + " is not valid JSON")
        .hasMessageContaining("(line 2)");
    assertThatThrownBy(() -> ModelDirectory.scan(root.resolve("nope")))
        .hasMessage("model directory " + root.resolve("nope") + " does not exist");
  }

  @Test
  void jobTypesNameARecognitionModelAndOptionallyALineModel() throws IOException {
    woodblock(Map.of());
    Files.write(
        Files.createDirectories(root.resolve("Lines")).resolve("lines.onnx"), new byte[] {1});
    ModelFixtures.write(root.resolve("Lines"), Map.of("onnx-model", "lines.onnx"));
    ModelDirectory models = ModelDirectory.scan(root);
    assertThat(models.models()).containsOnlyKeys("Lines", "Woodblock");
    ModelDirectory.Pair pair = models.resolve("Woodblock+Lines", "bdrc-woodblock");
    assertThat(pair.recognition().name()).isEqualTo("Woodblock");
    assertThat(pair.lines().name()).isEqualTo("Lines");
    assertThatThrownBy(() -> models.resolve("Modern", "bdrc-modern"))
        .hasMessage(
            "job type 'bdrc-modern' needs model 'Modern', which is not in "
                + root
                + " (it has [Lines, Woodblock])");
    assertThatThrownBy(() -> models.resolve("Lines", "t")).hasMessageContaining("is a line model");
    assertThatThrownBy(() -> ModelDirectory.NONE.resolve("Woodblock", "t"))
        .hasMessageContaining("this worker has no --model-dir");
  }
}
