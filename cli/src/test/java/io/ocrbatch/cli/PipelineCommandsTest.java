package io.ocrbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocrbatch.activities.files.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline commands on the embedded stack, as the README walks through them: a source step, an
 * OCR job built on it (--source-job auto), sync, a custom step, then show, find, step, list,
 * export, rebuild and the errors.
 */
class PipelineCommandsTest {
  @TempDir Path dir;

  /**
   * A port of its own: the previous test's embedded PostgreSQL may still be stopping on the default
   * one.
   */
  private final String dbPort = Integer.toString(freePort());

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

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

  private Run ok(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--data", dir.resolve("data").toString(), "--db-port", dbPort));
    Run run = cli(all.toArray(String[]::new));
    assertThat(run.exit()).as(String.join(" ", args) + "\n" + run.out() + run.err()).isZero();
    return run;
  }

  private Run failing(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--data", dir.resolve("data").toString(), "--db-port", dbPort));
    Run run = cli(all.toArray(String[]::new));
    assertThat(run.exit()).as(String.join(" ", args) + "\n" + run.out() + run.err()).isEqualTo(1);
    return run;
  }

  private Path file(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void sourceOcrSyncAndACustomStepFormOnePipeline() throws Exception {
    Path scans = dir.resolve("scans");
    CliTestSupport.englishVolume(scans.resolve("vol-a"), 2, 0);
    CliTestSupport.englishVolume(scans.resolve("vol-b"), 2, 5);
    String out = dir.resolve("out").toString();
    ok("job-types", "create", "--name", "null-text", "--engine", "null", "--model", "text");

    Path source =
        file(
            "source.json",
            "{\"status\":\"completed\",\"citekeys\":[\"vol-a\",\"vol-b\"],\"bucket\":\"scans\","
                + "\"uploaded\":2,\"skipped\":0}");
    Run recorded =
        ok("pipeline", "record", "source", "--file", source.toString(), "--results", out);
    Matcher id = Pattern.compile("pipeline job (\\S+):").matcher(recorded.out());
    assertThat(id.find()).as(recorded.out()).isTrue();
    String upload = id.group(1);
    assertThat(upload).matches("\\d{4}-\\d\\d-\\d\\d_\\d\\d-\\d\\d-\\d\\d");

    Run ocr =
        ok(
            "ocr",
            scans.toString(),
            "--type",
            "null-text",
            "--out",
            out,
            "--job-key",
            "PIPE-1",
            "--source-job",
            "auto");
    assertThat(ocr.err()).contains("Source job: " + upload);
    ok(
        "sync",
        "--job-key",
        "PIPE-1",
        "--to",
        dir.resolve("synced").toString(),
        "--skip-images",
        "--quiet");
    Path toc = file("toc.json", "{\"status\":\"completed\",\"citekeys\":[\"vol-a\"],\"tocs\":7}");
    ok("pipeline", "record", "toc", "PIPE-1", "--file", toc.toString());

    String shown = ok("pipeline", "show", "PIPE-1").out();
    assertThat(shown)
        .contains("Source job:      " + upload + " (bucket scans)")
        .contains("Steps completed: source, ocr, sync_ocr, toc");
    assertThat(traceLines(shown))
        .containsExactly(
            "source completed " + upload,
            "ocr pending PIPE-1",
            "ocr completed PIPE-1",
            "sync_ocr completed PIPE-1",
            "toc completed PIPE-1");
    assertThat(ok("pipeline", "show", "latest").out()).isEqualTo(shown);

    String found = ok("pipeline", "find", "vol-b").out();
    assertThat(found).contains("Volume vol-b: 3 step(s)");
    assertThat(found).containsPattern(upload + "\\s+source\\s+completed");
    assertThat(found).containsPattern("PIPE-1\\s+ocr\\s+completed");
    assertThat(found).containsPattern("PIPE-1\\s+sync_ocr\\s+completed");
    assertThat(found).doesNotContain("toc");

    JsonNode step = Json.MAPPER.readTree(ok("pipeline", "step", "ocr", "PIPE-1", "--json").out());
    assertThat(step.path("metadata").path("pages").path("ok").asInt()).isEqualTo(4);
    assertThat(step.path("source_job").asText()).isEqualTo(upload);
    assertThat(step.path("config").path("job_type").asText()).isEqualTo("null-text");

    JsonNode document = Json.MAPPER.readTree(ok("pipeline", "export", "PIPE-1").out());
    assertThat(document.path("source").path("citekeys").path("uploaded").asInt()).isEqualTo(2);
    assertThat(document.path("pipeline_steps").path("toc").path("metadata").path("tocs").asInt())
        .isEqualTo(7);
    assertThat(document.path("execution_trace").findValuesAsText("step"))
        .containsExactly("source", "ocr", "ocr", "sync_ocr", "toc");
    assertThat(Json.MAPPER.readTree(dir.resolve("out/job_registry/PIPE-1.json").toFile()))
        .isEqualTo(document);
    assertThat(Json.MAPPER.readTree(dir.resolve("out/job_registry/latest.json").toFile()))
        .isEqualTo(document);

    assertThat(ok("pipeline", "list", "--step", "toc").out())
        .contains("\nPIPE-1 ")
        .doesNotContain("\n" + upload);
    assertThat(ok("pipeline", "list").out()).contains("PIPE-1", upload);

    assertThat(ok("pipeline", "rebuild", "--from", out).out()).contains("restored 2 job(s)");
    assertThat(ok("pipeline", "show", "PIPE-1").out()).isEqualTo(shown);
  }

  @Test
  void badInputIsAClearErrorWithExitCode1() throws Exception {
    assertThat(failing("pipeline", "show", "NOPE").err())
        .contains("error: no pipeline job 'NOPE' in the registry");
    Path noStatus = file("no-status.json", "{\"citekeys\":[\"v\"]}");
    assertThat(failing("pipeline", "record", "toc", "J1", "--file", noStatus.toString()).err())
        .contains("no-status.json has no \"status\"");
    Path malformed = file("malformed.json", "{\"status\": ");
    assertThat(failing("pipeline", "record", "toc", "J1", "--file", malformed.toString()).err())
        .contains("malformed.json is not valid JSON");
    assertThat(failing("pipeline", "record", "toc", "J1", "--file", "absent.json").err())
        .contains("--file absent.json: no such file");
    assertThat(failing("pipeline", "step", "ocr", "J1").err())
        .contains("no pipeline job 'J1' in the registry");
  }

  /** The trace as "step status job" per line. */
  private static List<String> traceLines(String shown) {
    String trace = shown.substring(shown.indexOf("Execution trace:"));
    List<String> lines = new ArrayList<>();
    Matcher m = Pattern.compile("\\d+\\.\\s+\\S+\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)").matcher(trace);
    while (m.find()) lines.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
    return lines;
  }
}
