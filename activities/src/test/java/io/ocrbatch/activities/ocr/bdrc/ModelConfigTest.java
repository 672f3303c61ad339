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
  void aConfigAsBdrcsTrainingWritesItWithoutAddBlankOrVersionLoads() throws IOException {
    ModelConfig c =
        ModelConfig.read(woodblock(Map.of("add_blank", "<absent>", "version", "<absent>")));
    assertThat(c.addBlank()).isTrue(); // BDRC's training always puts the blank at class 0
    assertThat(c.version()).isEmpty();
  }

  @Test
  void bdrcsLineAndLayoutModelsHaveAConfigJson() throws IOException {
    Path lines = Files.createDirectories(root.resolve("PhotiLines"));
    Files.write(lines.resolve("PhotiLines.onnx"), new byte[] {1});
    Files.writeString(
        lines.resolve("config.json"),
        "{\"onnx-model\":  \"PhotiLines.onnx\", \"patch_size\": 512}");
    Path layout = Files.createDirectories(root.resolve("Layout"));
    Files.write(layout.resolve("photi.onnx"), new byte[] {1});
    Files.writeString(
        layout.resolve("config.json"),
        "{\"checkpoint\": \"photi.pth\", \"onnx-model\": \"photi.onnx\", \"patch_size\": 512,"
            + " \"classes\": [\"background\", \"image\", \"line\", \"margin\", \"caption\"]}");
    woodblock(Map.of());
    ModelDirectory models = ModelDirectory.scan(root);
    assertThat(models.models()).containsOnlyKeys("Layout", "PhotiLines", "Woodblock");
    assertThat(models.models().get("PhotiLines").isLayout()).isFalse();
    assertThat(models.models().get("PhotiLines").patchSize()).isEqualTo(512);
    assertThat(models.models().get("Layout").classes()).element(2).isEqualTo("line");
    assertThat(models.resolve("Woodblock+Layout", "t").lines().name()).isEqualTo("Layout");

    Files.writeString(
        layout.resolve("config.json"),
        "{\"onnx-model\": \"photi.onnx\", \"classes\": [\"background\", \"text\"]}");
    assertThatThrownBy(() -> ModelConfig.read(layout))
        .hasMessage(
            layout.resolve("config.json")
                + ": 'classes' must name the \"line\" class, got [\"background\",\"text\"]");
  }

  @Test
  void optionsFollowTheModelWithBdrcsDefaults() {
    assertThat(BdrcOptions.parse("Woodblock+PhotiLines"))
        .isEqualTo(new BdrcOptions.Model("Woodblock+PhotiLines", BdrcOptions.DEFAULTS));
    assertThat(BdrcOptions.DEFAULTS).isEqualTo(new BdrcOptions(2.5, 4.0, false, 100));
    assertThat(
            BdrcOptions.parse(
                "Woodblock+PhotiLines:k-factor=1.7,bbox-tolerance=3,merge-lines=yes,beam-width=20"))
        .isEqualTo(
            new BdrcOptions.Model("Woodblock+PhotiLines", new BdrcOptions(1.7, 3.0, true, 20)));
    assertThatThrownBy(() -> BdrcOptions.parse("W:k=2"))
        .hasMessage(
            "unknown bdrc option [k] (known: k-factor, bbox-tolerance, merge-lines, beam-width)");
    assertThatThrownBy(() -> BdrcOptions.parse("W:k-factor=big"))
        .hasMessage("k-factor must be a number, got 'big'");
    assertThatThrownBy(() -> BdrcOptions.parse("W:beam-width=2.5"))
        .hasMessage("beam-width must be a whole number, got 2.5");
    assertThatThrownBy(() -> new BdrcProvider().validate(type("W:merge-lines=maybe")))
        .hasMessage("bdrc model 'W:merge-lines=maybe': merge-lines must be yes or no, got 'maybe'");
  }

  private static io.ocrbatch.workflows.JobTypeSpec type(String model) {
    return new io.ocrbatch.workflows.JobTypeSpec(
        0, "t", "bdrc", model, "bo", "unicode", "block", java.util.List.of("txt"));
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
