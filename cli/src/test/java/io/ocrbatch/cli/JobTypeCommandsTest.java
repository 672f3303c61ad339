package io.ocrbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.fault.ExitCode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobTypeCommandsTest {
  @TempDir Path dir;

  @Test
  void listsTheSeededTypesAndAddsNewOnes() {
    String data = dir.resolve("data").toString();

    CliTestSupport.Result created =
        CliTestSupport.run(
            "job-types",
            "create",
            "--name",
            "tesseract-bod-lines",
            "--model",
            "bod",
            "--encoding",
            "wylie",
            "--line-mode",
            "line",
            "--data",
            data);
    CliTestSupport.Result list = CliTestSupport.run("job-types", "list", "--data", data);

    assertThat(created.exitCode()).isZero();
    assertThat(created.stdout()).contains("Created job type tesseract-bod-lines (id 6)");
    assertThat(list.stdout().lines().findFirst().orElseThrow())
        .contains("ID")
        .contains("Name")
        .contains("Engine")
        .contains("Model/Language")
        .contains("Encoding")
        .contains("Line mode");
    assertThat(list.stdout())
        .containsPattern("1 +tesseract-eng +tesseract +eng/eng +unicode")
        .containsPattern("3 +tesseract-bod-wylie +tesseract-lines +bod/bod +wylie +block")
        .containsPattern("6 +tesseract-bod-lines +tesseract +bod/bod +wylie +line")
        .containsPattern("4 +paddle-en +paddle +ppocr-v4/en +unicode +auto");
  }

  @Test
  void withoutServerOrDataFolderNothingIsCreatedInTheWorkingFolder() throws Exception {
    CliProcess.Finished list =
        CliProcess.runToEnd(dir, java.time.Duration.ofSeconds(60), "job-types", "list");
    assertThat(list.exitCode()).isEqualTo(ExitCode.COULD_NOT_RUN.code());
    assertThat(list.output())
        .contains("no ocrbatch status database in " + dir.resolve("data"))
        .contains("--server URL");
    assertThat(dir.resolve("data")).as("no PostgreSQL started in ./data unasked").doesNotExist();
  }

  @Test
  void refusesBadValuesAndDuplicates() {
    String data = dir.resolve("data").toString();
    assertThat(
            CliTestSupport.run(
                    "job-types",
                    "create",
                    "--name",
                    "x",
                    "--model",
                    "eng",
                    "--encoding",
                    "ascii",
                    "--data",
                    data)
                .exitCode())
        .isEqualTo(ExitCode.COULD_NOT_RUN.code());
    assertThat(
            CliTestSupport.run(
                    "job-types",
                    "create",
                    "--name",
                    "tesseract-eng",
                    "--model",
                    "eng",
                    "--data",
                    data)
                .exitCode())
        .isEqualTo(ExitCode.COULD_NOT_RUN.code());
    assertThat(
            CliTestSupport.run("job-types", "create", "--model", "eng", "--data", data).exitCode())
        .isEqualTo(ExitCode.USAGE.code());
    assertThat(
            CliTestSupport.run(
                    "job-types",
                    "create",
                    "--name",
                    "x",
                    "--model",
                    "eng",
                    "--formats",
                    "txt,docx",
                    "--data",
                    data)
                .exitCode())
        .as("a format no writer knows")
        .isEqualTo(ExitCode.COULD_NOT_RUN.code());
  }
}
