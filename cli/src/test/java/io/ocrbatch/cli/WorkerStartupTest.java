package io.ocrbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.statusdb.Jdbc;
import io.ocrbatch.activities.testing.TcpProxy;
import io.ocrbatch.activities.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker started during an outage (a fleet restarted while the database is down) waits with
 * {@code health:} lines and works once what it needs answers; what waiting cannot fix fails at
 * once.
 */
class WorkerStartupTest {
  @TempDir Path dir;

  @Test
  void aWorkerStartedWhileItsDatabaseAndTemporalAreDownWaitsThenWorks() throws Exception {
    CliTestSupport.englishVolume(dir.resolve("scans/vol"), 2, 0);
    int temporalPort = ServiceModeTest.freePort();
    String target = "127.0.0.1:" + temporalPort;
    try (TestDatabases.Fresh db = TestDatabases.fresh();
        TcpProxy proxy = TcpProxy.forJdbcUrl(db.database().url())) {
      String url = db.database().url();
      proxy.cut();
      try (CliProcess worker =
          CliProcess.start(
              dir,
              "worker",
              "--temporal",
              target,
              "--db-url",
              proxy.jdbcUrl(url),
              "--threads",
              "1",
              "--name",
              "late")) {
        worker.awaitOutput("Worker late health: status database", Duration.ofSeconds(60));
        proxy.restore();
        worker.awaitOutput(
            "Worker late health: Temporal at " + target + " unreachable", Duration.ofSeconds(60));
        try (EmbeddedTemporal temporal = EmbeddedTemporal.start(temporalPort)) {
          worker.awaitOutput("Worker late polling", Duration.ofSeconds(120));
          CliTestSupport.Result created =
              CliTestSupport.run(
                  "job",
                  "create",
                  "--type-id",
                  "tesseract-eng",
                  "--folder",
                  dir.resolve("scans").toString(),
                  "--out",
                  dir.resolve("out").toString(),
                  "--job-key",
                  "LATE",
                  "--temporal",
                  target,
                  "--db-url",
                  url);
          assertThat(created.exitCode()).as(created.stdout()).isZero();
          Jdbc jdbc = db.database().jdbc();
          ServiceModeTest.waitFor(
              () ->
                  "completed"
                      .equals(
                          jdbc.queryOne(
                                  "SELECT status FROM jobs WHERE job_key = 'LATE'",
                                  rs -> rs.getString(1))
                              .orElse("")));
          assertThat(
                  jdbc.query(
                      "SELECT worker FROM page_metrics WHERE status = 'ok'", rs -> rs.getString(1)))
              .containsExactly("late", "late");
        }
      }
    }
  }

  @Test
  void aRefusedLoginOrAMalformedUrlFailsAtOnceSayingWhy() throws Exception {
    String server = TestDatabases.SERVER;
    CliProcess.Finished unknownRole =
        CliProcess.runToEnd(
            dir,
            Duration.ofSeconds(60),
            "worker",
            "--db-url",
            server.replaceAll("user=[^&]*", "user=no_such_role"),
            "--temporal",
            "127.0.0.1:" + ServiceModeTest.freePort());
    assertThat(unknownRole.exitCode()).isNotZero();
    assertThat(unknownRole.output()).contains("no_such_role").doesNotContain("health:");

    CliProcess.Finished malformed =
        CliProcess.runToEnd(
            dir,
            Duration.ofSeconds(60),
            "worker",
            "--db-url",
            "jdbc:postgresql://127.0.0.1:notaport/ocrbatch",
            "--temporal",
            "127.0.0.1:" + ServiceModeTest.freePort());
    assertThat(malformed.exitCode()).isNotZero();
    assertThat(malformed.output()).contains("malformed database URL");
  }
}
