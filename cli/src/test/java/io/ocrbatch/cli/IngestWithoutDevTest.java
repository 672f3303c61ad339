package io.ocrbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.fault.ExitCode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest} with no {@code dev} running: like {@code ocr} and {@code watch}, it runs the
 * embedded stack itself and processes the files before it exits.
 */
class IngestWithoutDevTest {
  @TempDir Path dir;

  @Test
  void ingestWithNothingAtTheTemporalAddressProcessesTheTreeItself() throws Exception {
    String data = dir.resolve("data").toString();
    CliTestSupport.nullJobType("null-ingest", data);
    Path tree = dir.resolve("scans");
    CliTestSupport.englishVolume(tree.resolve("PubA"), 2, 0);
    CliTestSupport.englishVolume(tree.resolve("PubB"), 1, 40);
    String nobody = "127.0.0.1:" + freePort(); // a dev's Temporal address where no dev runs

    CliTestSupport.Result ingest =
        CliTestSupport.run(
            "ingest",
            tree.toString(),
            "--type",
            "null-ingest",
            "--out",
            dir.resolve("out").toString(),
            "--data",
            data,
            "--temporal",
            nobody);

    assertThat(ingest.exitCode()).as(ingest.stdout()).isEqualTo(ExitCode.OK.code());
    assertThat(ingest.stdout()).contains("3 file(s)", "3 new");
    assertThat(CliTestSupport.run("files", "stats", "--data", data).stdout())
        .contains("pending 0 / processing 0 / completed 3 / failed 0");
    try (var results = Files.walk(dir.resolve("out"))) {
      assertThat(results.filter(p -> p.toString().endsWith(".txt")).count()).isEqualTo(3);
    }

    CliTestSupport.Result again =
        CliTestSupport.run(
            "ingest",
            tree.toString(),
            "--type",
            "null-ingest",
            "--data",
            data,
            "--temporal",
            nobody);
    assertThat(again.exitCode()).as(again.stdout()).isEqualTo(ExitCode.OK.code());
    assertThat(again.stdout()).contains("0 new", "3 unchanged");
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
