package io.ocrbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocrbatch.activities.files.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline commands with {@code --server} against a running {@code dev}: nothing but its REST
 * API is used, and the answers and errors are those of the commands run directly.
 */
class PipelineOverApiTest {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  private static synchronized Run cli(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    try {
      int code = OcrbatchCli.run(args);
      return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void recordShowFindAndStepGoThroughTheServer() throws Exception {
    Path data = dir.resolve("data");
    try (CliProcess dev =
        CliProcess.start(
            dir,
            "dev",
            "--temporal-port",
            String.valueOf(ServiceModeTest.freePort()),
            "--port",
            "0",
            "--data",
            data.toString(),
            "--db-port",
            String.valueOf(ServiceModeTest.freePort()))) {
      dev.awaitOutput("ocrbatch dev is up", Duration.ofSeconds(120));
      String api =
          dev.output.stream()
              .filter(l -> l.contains("ocrbatch dev is up"))
              .findFirst()
              .orElseThrow()
              .replaceAll(".*web page and API (\\S+),.*", "$1");
      Path toc =
          Files.writeString(
              dir.resolve("toc.json"),
              "{\"status\":\"completed\",\"citekeys\":[\"W1-I1\"],\"n\":2}");

      Run recorded =
          cli("pipeline", "record", "toc", "REMOTE-1", "--file", toc.toString(), "--server", api);
      assertThat(recorded.exit()).as(recorded.err()).isZero();
      assertThat(recorded.out())
          .contains("Recorded step toc of pipeline job REMOTE-1: completed, 1 volume(s)");

      Run shown = cli("pipeline", "show", "latest", "--server", api);
      assertThat(shown.exit()).as(shown.err()).isZero();
      assertThat(shown.out()).contains("Pipeline job REMOTE-1", "Steps completed: toc");
      assertThat(cli("pipeline", "find", "W1-I1", "--server", api).out())
          .containsPattern("REMOTE-1\\s+toc\\s+completed");
      JsonNode step =
          Json.MAPPER.readTree(
              cli("pipeline", "step", "toc", "REMOTE-1", "--json", "--server", api).out());
      assertThat(step.path("metadata").path("n").asInt()).isEqualTo(2);
      JsonNode document =
          Json.MAPPER.readTree(cli("pipeline", "export", "REMOTE-1", "--server", api).out());
      assertThat(document.path("execution_trace").findValuesAsText("step")).containsExactly("toc");
      assertThat(cli("pipeline", "list", "--step", "toc", "--server", api).out())
          .contains("REMOTE-1");

      // job create --source-job auto: the newest completed source step for the job's volumes
      CliTestSupport.englishVolume(dir.resolve("scans/vol-a"), 1, 0);
      Path source =
          Files.writeString(
              dir.resolve("source.json"), "{\"status\":\"completed\",\"citekeys\":[\"vol-a\"]}");
      assertThat(
              cli(
                      "pipeline",
                      "record",
                      "source",
                      "UPLOAD-1",
                      "--file",
                      source.toString(),
                      "--server",
                      api)
                  .exit())
          .isZero();
      Run created =
          cli(
              "job",
              "create",
              "--type",
              "tesseract-eng",
              "--volumes",
              dir.resolve("scans/vol-a").toString(),
              "--job-key",
              "OCR-LINKED",
              "--out",
              dir.resolve("out").toString(),
              "--source-job",
              "auto",
              "--server",
              api);
      assertThat(created.exit()).as(created.out() + created.err()).isZero();
      assertThat(created.err()).contains("Source job: UPLOAD-1");
      assertThat(cli("pipeline", "show", "OCR-LINKED", "--server", api).out())
          .contains("Source job:      UPLOAD-1");
      Run unlinked =
          cli(
              "job",
              "create",
              "--type",
              "tesseract-eng",
              "--volumes",
              dir.resolve("scans/vol-a").toString(),
              "--job-key",
              "OCR-UNLINKED",
              "--out",
              dir.resolve("out").toString(),
              "--source-job",
              "NO-SUCH",
              "--server",
              api);
      assertThat(unlinked.exit()).isEqualTo(1);
      assertThat(unlinked.err())
          .contains(
              "no pipeline job 'NO-SUCH' in the registry (job OCR-UNLINKED was created without a source job)");

      Run unknown = cli("pipeline", "show", "NOPE", "--server", api);
      assertThat(unknown.exit()).isEqualTo(1);
      assertThat(unknown.err()).contains("error: no pipeline job 'NOPE' in the registry");
      Path noStatus = Files.writeString(dir.resolve("no-status.json"), "{\"n\": 1}");
      Run refused =
          cli(
              "pipeline",
              "record",
              "toc",
              "REMOTE-1",
              "--file",
              noStatus.toString(),
              "--server",
              api);
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.err()).contains("no-status.json has no \"status\"");
    }
  }
}
