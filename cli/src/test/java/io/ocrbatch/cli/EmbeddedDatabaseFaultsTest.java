package io.ocrbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.fault.ExitCode;
import io.ocrbatch.activities.statusdb.EmbeddedDatabase;
import io.ocrbatch.activities.testing.OrphanedDatabase;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL of {@code --data} under faults: its postmaster killed mid-job, an orphan
 * (its {@code dev} killed) met by a status query, its recorded port taken by another program.
 */
class EmbeddedDatabaseFaultsTest {
  @TempDir Path dir;

  @AfterEach
  void stopPostgres() throws Exception {
    CliTestSupport.stopLeftoverPostgres(dir.resolve("data"));
  }

  private Path data() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    Files.writeString(data.resolve("pg.port"), String.valueOf(ServiceModeTest.freePort()));
    return data;
  }

  @Test
  void aKilledEmbeddedPostgresIsStartedAgainAndTheJobCompletes() throws Exception {
    Path data = data();
    CliTestSupport.englishVolume(dir.resolve("scans/vol"), 8, 0);
    Path results = dir.resolve("out/tesseract-eng/vol");
    CompletableFuture<Integer> ocr =
        CompletableFuture.supplyAsync(() -> OcrbatchCli.run(ocr(data, "--job-key", "PGKILL")));
    ServiceModeTest.waitFor(() -> CrashResumeTest.jsonCount(results) >= 2 || ocr.isDone());
    long pid = OrphanedDatabase.postmasterPid(data);
    ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // kill -9 of the postmaster

    assertThat(ocr.get()).isEqualTo(ExitCode.OK.code());
    assertThat(CrashResumeTest.jsonCount(results)).isEqualTo(8);
    assertThat(results.resolve("success.json")).exists();
  }

  @Test
  void aStatusQueryLeavesAnOrphanedDatabaseToTheWorkersUsingIt() throws Exception {
    Path data = data();
    long pid = OrphanedDatabase.leaveRunning(data);
    int port = Integer.parseInt(Files.readString(data.resolve("pg.port")).trim());
    try (Connection attachedWorker =
        DriverManager.getConnection(
            "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "")) {
      CliTestSupport.Result status = CliTestSupport.run("job", "status", "--data", data.toString());
      assertThat(status.exitCode()).isEqualTo(ExitCode.OK.code());

      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
          .as("the orphaned PostgreSQL still runs")
          .isTrue();
      assertThat(attachedWorker.isValid(5)).as("the attached worker's connection").isTrue();
      assertThat(EmbeddedDatabase.runningPort(data.resolve("pg").toAbsolutePath())).hasValue(port);
    }
  }

  @Test
  void ocrTakesAnotherPortWhenTheRecordedOneIsTakenAndSaysSo() throws Exception {
    Path data = dir.resolve("data");
    CliTestSupport.englishVolume(dir.resolve("scans/vol"), 1, 0);
    try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Files.createDirectories(data);
      Files.writeString(data.resolve("pg.port"), String.valueOf(other.getLocalPort()));
      CliProcess.Finished ocr =
          CliProcess.runToEnd(dir, java.time.Duration.ofMinutes(3), ocr(data));
      assertThat(ocr.exitCode()).as(ocr.output()).isEqualTo(ExitCode.OK.code());
      assertThat(ocr.output())
          .contains("Port " + other.getLocalPort() + " (recorded in " + data.resolve("pg.port"));
      assertThat(Files.readString(data.resolve("pg.port")).trim())
          .isNotEqualTo(String.valueOf(other.getLocalPort()));
    }
  }

  /** {@code ocr scans --out out --data DATA --threads 1}, and more. */
  private String[] ocr(Path data, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "ocr",
                dir.resolve("scans").toString(),
                "--out",
                dir.resolve("out").toString(),
                "--data",
                data.toString(),
                "--threads",
                "1"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }
}
