package io.ocrbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocrbatch.activities.fault.ExitCode;
import io.ocrbatch.activities.files.Json;
import io.ocrbatch.activities.samples.CharacterErrorRate;
import io.ocrbatch.activities.testing.ModelFixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DJL engines through the whole stack (Temporal, PostgreSQL, the ocr-gpu queue served on the
 * CPU), and a worker's start-up with models, without them and with a broken model_config.json.
 */
class NeuralEnginesEndToEndTest {
  @TempDir Path dir;

  private String data() {
    return dir.resolve("data").toString();
  }

  /** Runs the CLI, returning its exit code and what it wrote to stderr. */
  private static CliTestSupport.Result runCapturingErr(String... args) {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      return new CliTestSupport.Result(OcrbatchCli.run(args), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }
  }

  /** Creates a bdrc job type for Tibetan; {@code more}: further options. */
  private void createBdrcType(String name, String model, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "job-types",
                "create",
                "--name",
                name,
                "--engine",
                "bdrc",
                "--model",
                model,
                "--language",
                "bo",
                "--data",
                data()));
    args.addAll(List.of(more));
    assertThat(CliTestSupport.run(args.toArray(String[]::new)).exitCode()).isZero();
  }

  /** Runs {@code ocr} of a folder with a job type and a model directory. */
  private CliTestSupport.Result ocr(Path scans, String type, Path models, Path out) {
    return runCapturingErr(
        "ocr",
        scans.toString(),
        "--type",
        type,
        "--model-dir",
        models.toString(),
        "--out",
        out.toString(),
        "--data",
        data());
  }

  @Test
  void paddleEnOcrsAFolderWithBoxesAndProvenance() throws Exception {
    Path scans = dir.resolve("scans");
    List<String> truth = CliTestSupport.englishVolume(scans.resolve("vol-p"), 2, 0);
    Path out = dir.resolve("out");

    CliTestSupport.Result run =
        runCapturingErr(
            "ocr",
            scans.toString(),
            "--type",
            "paddle-en",
            "--out",
            out.toString(),
            "--data",
            data());

    assertThat(run.exitCode()).as(run.stdout()).isZero();
    assertThat(run.stdout()).contains("Engine: paddle PP-OCRv4 (en, onnxruntime cpu())");
    Path vol = out.resolve("paddle-en/vol-p");
    String recognised =
        Files.readString(vol.resolve("page-001.txt"))
            + "\n"
            + Files.readString(vol.resolve("page-002.txt"));
    double cer = CharacterErrorRate.of(String.join("\n", truth), recognised);
    System.out.printf("End-to-end paddle-en CER: %.2f%%%n", cer * 100);
    assertThat(cer).isLessThanOrEqualTo(0.03);
    JsonNode page = Json.MAPPER.readTree(vol.resolve("page-001.json").toFile());
    JsonNode word = page.path("lines").get(0).path("words").get(0);
    assertThat(word.path("bbox").size()).isEqualTo(4);
    assertThat(word.path("confidence").asDouble()).isBetween(50.0, 100.0);
    assertThat(Json.MAPPER.readTree(vol.resolve("config.json").toFile()).path("engine").asText())
        .isEqualTo("paddle");
    assertThat(
            Json.MAPPER
                .readTree(vol.resolve("manifest.json").toFile())
                .path("engine_version")
                .asText())
        .startsWith("paddle PP-OCRv4");
  }

  @Test
  void bdrcModelDirectoriesReadAPageAsBdrcsPipelineDoes() throws Exception {
    // tiny models in BDRC's own directory layout: a config.json line model, a model_config.json
    // Wylie recognizer without add_blank or version (as BDRC's training writes it)
    Path models = ModelFixtures.tinyBdrc(dir.resolve("models"));
    Path scans = dir.resolve("scans");
    ModelFixtures.tinyBdrcPage(Files.createDirectories(scans.resolve("vol-b")).resolve("p1.png"));
    createBdrcType("bdrc-tiny", "TinyWylie+TinyLines:k-factor=2.5,bbox-tolerance=4");
    Path out = dir.resolve("out");
    CliTestSupport.Result run = ocr(scans, "bdrc-tiny", models, out);

    assertThat(run.exitCode()).as(run.stdout()).isZero();
    assertThat(run.stdout()).contains("Engine: bdrc TinyWylie + TinyLines (OnnxRuntime, cpu())");
    // BDRC's run_ocr gives the Wylie lines "ka ka", "kaka ka ka", "ka ka ka" (its "§" are spaces,
    // which are tshegs): converted as whole lines
    assertThat(Files.readAllLines(out.resolve("bdrc-tiny/vol-b/p1.txt")))
        .containsExactly("ཀ་ཀ", "ཀཀ་ཀ་ཀ", "ཀ་ཀ་ཀ");
  }

  @Test
  void workerStartsWithModelsWithoutThemAndRefusesABrokenModelConfig() throws Exception {
    Path models = dir.resolve("models");
    ModelFixtures.torchScript(models, "TorchRec");
    Path lines = dir.resolve("lines");
    Files.createDirectories(lines);
    javax.imageio.ImageIO.write(
        ModelFixtures.lineImage("ab"), "png", lines.resolve("line-1.png").toFile());
    createBdrcType("bdrc-torch", "TorchRec", "--line-mode", "line");

    // With the model directory: the TorchScript model runs on DJL PyTorch.
    Path out = dir.resolve("out");
    CliTestSupport.Result with = ocr(lines, "bdrc-torch", models, out);
    assertThat(with.exitCode()).as(with.stdout()).isZero();
    assertThat(with.stdout()).contains("Engine: bdrc TorchRec (PyTorch, cpu())");
    assertThat(out.resolve("bdrc-torch/lines/line-1.txt")).content().isEqualToIgnoringNewLines("b");

    // Without it: a clear error before any job starts.
    CliTestSupport.Result without =
        runCapturingErr(
            "ocr",
            lines.toString(),
            "--type",
            "bdrc-torch",
            "--out",
            out.toString(),
            "--job-key",
            "NO-MODELS",
            "--data",
            data());
    assertThat(without.exitCode()).isEqualTo(ExitCode.COULD_NOT_RUN.code());
    assertThat(without.stdout())
        .contains(
            "job type 'bdrc-torch' needs model 'TorchRec' but this worker has no --model-dir (OCRBATCH_MODEL_DIR)");

    // A broken model_config.json stops the worker at start-up, naming the file and the field, even
    // for other job types.
    Files.write(
        Files.createDirectories(models.resolve("Broken")).resolve("x.onnx"), new byte[] {1});
    ModelFixtures.write(
        models.resolve("Broken"),
        Map.of(
            "onnx-model",
            "x.onnx",
            "charset",
            "abc",
            "encoder",
            "stack",
            "input_width",
            "wide",
            "input_height",
            48));
    CliTestSupport.Result broken =
        runCapturingErr(
            "ocr",
            lines.toString(),
            "--type",
            "paddle-en",
            "--model-dir",
            models.toString(),
            "--out",
            out.toString(),
            "--job-key",
            "BROKEN",
            "--data",
            data());
    assertThat(broken.exitCode()).isEqualTo(ExitCode.COULD_NOT_RUN.code());
    assertThat(broken.stdout())
        .contains(
            models.resolve("Broken/model_config.json")
                + ": 'input_width' must be a positive integer, got \"wide\"");
  }
}
