package io.ocrbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.fault.ExitCode;
import io.ocrbatch.activities.statusdb.EmbeddedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the main job mid-volume, then the same command again: nothing lost, nothing redone.
 */
class CrashResumeTest {
  @TempDir Path dir;

  @AfterEach
  void stopPostgres() throws Exception {
    CliTestSupport.stopLeftoverPostgres(dir.resolve("data"));
  }

  @Test
  void rerunningTheKilledJobResumesWithoutRedoingFinishedPages() throws Exception {
    Path scans = dir.resolve("scans");
    CliTestSupport.englishVolume(scans.resolve("vol"), 12, 0);
    Path out = dir.resolve("out");
    Path results = out.resolve("tesseract-eng/vol");
    String[] command = {
      "ocr",
      scans.toString(),
      "--out",
      out.toString(),
      "--data",
      dir.resolve("data").toString(),
      "--job-key",
      "CRASH",
      "--threads",
      "1"
    };

    int portBefore;
    try (CliProcess first = CliProcess.start(dir, command)) {
      ServiceModeTest.waitFor(() -> jsonCount(results) >= 3);
      portBefore =
          EmbeddedDatabase.runningPort(dir.resolve("data/pg").toAbsolutePath()).orElseThrow();
      first.process.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up
      first.process.waitFor();
    }
    Map<Path, FileTime> finished = new HashMap<>();
    try (Stream<Path> files = Files.list(results)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList())
        finished.put(f, Files.getLastModifiedTime(f));
    }
    assertThat(finished.size()).isBetween(3, 11);
    assertThat(results.resolve("success.json")).doesNotExist();

    int exit = OcrbatchCli.run(command);

    assertThat(exit).isEqualTo(ExitCode.OK.code());
    assertThat(jsonCount(results)).isEqualTo(12);
    assertThat(results.resolve("success.json")).exists();
    for (Map.Entry<Path, FileTime> page : finished.entrySet()) {
      assertThat(Files.getLastModifiedTime(page.getKey()))
          .as("%s was not OCRed again", page.getKey())
          .isEqualTo(page.getValue());
    }
    assertThat(EmbeddedDatabase.runningPort(dir.resolve("data/pg").toAbsolutePath()))
        .as("the killed process's PostgreSQL was adopted and stopped")
        .isEmpty();
    assertThat(dir.resolve("data/pg.port"))
        .as("the restarted PostgreSQL kept the port")
        .hasContent(String.valueOf(portBefore));
  }

  @Test
  void sigtermStopsGracefullyAndTheRerunFinishesTheJob() throws Exception {
    Path scans = dir.resolve("scans");
    CliTestSupport.englishVolume(scans.resolve("vol"), 10, 0);
    Path results = dir.resolve("out/tesseract-eng/vol");
    String[] command = {
      "ocr",
      scans.toString(),
      "--out",
      dir.resolve("out").toString(),
      "--data",
      dir.resolve("data").toString(),
      "--job-key",
      "TERM",
      "--threads",
      "1"
    };

    try (CliProcess first = CliProcess.start(dir, command)) {
      ServiceModeTest.waitFor(() -> jsonCount(results) >= 2);
      first.stop(java.time.Duration.ofSeconds(60));
      assertThat(first.output)
          .anyMatch(l -> l.contains("Interrupted: letting pages in flight finish"));
      assertThat(first.output)
          .noneMatch(l -> l.contains("LEAK"))
          // the one warning a stop must not cause; another process on the default database port is
          // the machine's business
          .noneMatch(l -> l.contains("WARN") && !l.contains("EmbeddedPort"));
    }
    assertThat(EmbeddedDatabase.runningPort(dir.resolve("data/pg").toAbsolutePath()))
        .as("database stopped cleanly")
        .isEmpty();

    assertThat(OcrbatchCli.run(command)).isEqualTo(ExitCode.OK.code());
    assertThat(jsonCount(results)).isEqualTo(10);
  }

  static long jsonCount(Path dir) {
    if (!Files.isDirectory(dir)) return 0;
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().matches("page-\\d+\\.json")).count();
    } catch (java.io.IOException e) {
      return 0;
    }
  }
}
