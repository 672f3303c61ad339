package io.ocrbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.fault.ExitCode;
import io.ocrbatch.activities.statusdb.Database;
import io.ocrbatch.activities.statusdb.EmbeddedDatabase;
import io.ocrbatch.activities.statusdb.Jdbc;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dev} as a real long-lived process, the job commands against it, and a second {@code
 * worker} process sharing the load.
 */
class ServiceModeTest {
  @TempDir Path dir;

  @Test
  void jobCommandsAgainstDevAndASecondWorkerSharesTheLoad() throws Exception {
    Path data = dir.resolve("data");
    String port = String.valueOf(freePort());
    String temporal = "127.0.0.1:" + port;
    for (int v = 1; v <= 4; v++)
      CliTestSupport.englishVolume(dir.resolve("scans/vol-" + v), 4, v * 30);
    Files.writeString(
        dir.resolve("volumes.txt"), "# two volumes\nscans/vol-1  # first\n\nscans/vol-2\n");

    try (CliProcess dev =
            CliProcess.start(
                dir,
                "dev",
                "--temporal-port",
                port,
                "--port",
                "0",
                "--data",
                data.toString(),
                "--threads",
                "1");
        CliProcess worker = startWorkerAfter(dev, temporal, data)) {
      worker.awaitOutput("Worker second-worker polling", Duration.ofSeconds(60));

      CliTestSupport.Result created =
          CliTestSupport.run(
              "job",
              "create",
              "--type-id",
              "1",
              "--folder",
              dir.resolve("scans").toString(),
              "--out",
              dir.resolve("out").toString(),
              "--temporal",
              temporal,
              "--data",
              data.toString());
      assertThat(created.exitCode()).isZero();
      Matcher createdLine =
          Pattern.compile("Created job: (J\\d{8}_[0-9a-f]{8}) \\(id=(\\d+)\\)")
              .matcher(created.stdout());
      assertThat(createdLine.find()).as(created.stdout()).isTrue();
      String key = createdLine.group(1);
      String id = createdLine.group(2);
      assertThat(created.stdout().lines().toList())
          .as("what BDRC operators read")
          .containsSequence(
              "Created job: " + key + " (id=" + id + ")",
              "Created 4 tasks for job " + key,
              "Job " + id + " status changed to running",
              "Job ID: " + id);

      CliTestSupport.Result again =
          CliTestSupport.run(
              "job",
              "create",
              "--type-id",
              "tesseract-eng",
              "--folder",
              dir.resolve("scans").toString(),
              "--out",
              dir.resolve("out").toString(),
              "--temporal",
              temporal,
              "--data",
              data.toString());
      assertThat(again.stdout())
          .contains("Job " + key + " (id=" + id + ") exists already with 4 tasks")
          .contains("Job ID: " + id);
      assertThat(
              CliTestSupport.run(
                      "job",
                      "create",
                      "--type-id",
                      "1",
                      "--volumes",
                      dir.resolve("scans/vol-1").toString(),
                      "--job-key",
                      key,
                      "--temporal",
                      temporal,
                      "--data",
                      data.toString())
                  .exitCode())
          .as("the key of a job with other volumes")
          .isEqualTo(ExitCode.COULD_NOT_RUN.code());

      try (EmbeddedDatabase pg = EmbeddedDatabase.startOrAttach(data);
          Database db = Database.connect(pg.jdbcUrl(), null, null, 2)) {
        Jdbc jdbc = db.jdbc();
        awaitStatus(jdbc, key, "completed");
        List<String> workers =
            jdbc.query(
                "SELECT DISTINCT worker FROM page_metrics p JOIN tasks t ON t.id = p.task_id JOIN jobs j ON j.id = t.job_id WHERE j.job_key = ?",
                rs -> rs.getString(1),
                key);
        assertThat(workers)
            .as("pages were OCRed by both processes")
            .contains("second-worker")
            .anyMatch(w -> w.startsWith("dev-"));
        assertThat(jdbc.queryLong("SELECT count(*) FROM page_metrics WHERE status = 'ok'"))
            .isEqualTo(16);

        CliTestSupport.Result status =
            CliTestSupport.run("job", "status", "--job-key", key, "--data", data.toString());
        assertThat(status.stdout())
            .contains(
                "Job: " + key + " (id=" + id + ")",
                "Status: completed",
                "Type ID: 1 (tesseract-eng)",
                "Progress: 4/4 done, 0 failed",
                "Pending: 0, Running: 0",
                "Retryable: 0, Terminal: 0",
                "Pages: 16/16 finished (100.0%): 16 ok, 0 failed, 0 skipped (already done)")
            .containsPattern("Created: \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}")
            .containsPattern("Throughput: [\\d.]+ tasks/hour \\(\\d+ pages/hour\\), ETA: -");
        com.fasterxml.jackson.databind.JsonNode json =
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(
                    CliTestSupport.run(
                            "job", "status", "--job-key", key, "--json", "--data", data.toString())
                        .stdout());
        assertThat(json.get(0).path("status").asText()).isEqualTo("completed");
        assertThat(json.get(0).path("pages").path("ok").asInt()).isEqualTo(16);
        assertThat(json.get(0).path("finished_at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        String api =
            dev.output.stream()
                .filter(l -> l.contains("ocrbatch dev is up"))
                .findFirst()
                .orElseThrow()
                .replaceAll(".*web page and API (\\S+),.*", "$1");
        CliTestSupport.Result remote =
            CliTestSupport.run("job", "status", "--job-id", id, "--server", api);
        assertThat(remote.exitCode()).isZero();
        assertThat(remote.stdout())
            .as("the same report through the REST API, by id")
            .contains(
                "Job: " + key + " (id=" + id + ")",
                "Status: completed",
                "Progress: 4/4 done, 0 failed",
                "Pages: 16/16 finished (100.0%): 16 ok");
        assertThat(
                CliTestSupport.run("job", "list", "--status", "completed", "--server", api)
                    .stdout())
            .contains(key);
        assertThat(
                CliTestSupport.run("job", "list", "--exclude", "completed", "--server", api)
                    .stdout())
            .doesNotContain(key);
        assertThat(CliTestSupport.run("job", "cancel", "--job-id", id, "--server", api).exitCode())
            .as("canceling a completed job is refused (409)")
            .isEqualTo(ExitCode.COULD_NOT_RUN.code());
        assertThat(
                CliTestSupport.run(
                        "job",
                        "cancel",
                        "--job-key",
                        key,
                        "--temporal",
                        temporal,
                        "--data",
                        data.toString())
                    .exitCode())
            .as("directly too")
            .isEqualTo(ExitCode.COULD_NOT_RUN.code());

        // job types through the API only: a client in an empty folder starts no PostgreSQL there
        assertThat(
                CliTestSupport.run(
                        "job-types",
                        "create",
                        "--name",
                        "over-http",
                        "--model",
                        "eng",
                        "--server",
                        api)
                    .stdout())
            .contains("Created job type over-http");
        Path client = Files.createDirectories(dir.resolve("client"));
        CliProcess.Finished types =
            CliProcess.runToEnd(
                client, Duration.ofSeconds(60), "job-types", "list", "--server", api);
        assertThat(types.exitCode()).as(types.output()).isZero();
        assertThat(types.output()).contains("over-http").contains("tesseract-eng");
        assertThat(client.resolve("data")).doesNotExist();
        CliProcess.Finished queue =
            CliProcess.runToEnd(client, Duration.ofSeconds(60), "queue", "stats", "--server", api);
        assertThat(queue.output())
            .containsPattern(
                "Pending: \\d+, Processing: \\d+, Failed: \\d+, Completed today: [1-9]");
        assertThat(client.resolve("data")).doesNotExist();

        // A second job from a volume file, canceled while it runs.
        for (int p = 5; p <= 40; p++)
          Files.copy(
              dir.resolve("scans/vol-1/page-001.png"),
              dir.resolve("scans/vol-1/page-" + p + ".png"));
        CliTestSupport.Result second =
            CliTestSupport.run(
                "job",
                "create",
                "--type-id",
                "1",
                "--volume-file",
                dir.resolve("volumes.txt").toString(),
                "--job-key",
                "CANCEL-ME",
                "--out",
                dir.resolve("out2").toString(),
                "--concurrency",
                "1",
                "--temporal",
                temporal,
                "--data",
                data.toString());
        assertThat(second.exitCode()).isZero();
        waitFor(
            () ->
                jdbc.queryLong(
                        "SELECT count(*) FROM page_metrics p JOIN tasks t ON t.id = p.task_id JOIN jobs j ON j.id = t.job_id WHERE j.job_key = 'CANCEL-ME'")
                    >= 2);
        assertThat(
                CliTestSupport.run(
                        "job",
                        "pause",
                        "--job-key",
                        "CANCEL-ME",
                        "--temporal",
                        temporal,
                        "--data",
                        data.toString())
                    .exitCode())
            .isZero();
        awaitStatus(jdbc, "CANCEL-ME", "paused");
        assertThat(
                CliTestSupport.run("job", "resume", "--job-key", "CANCEL-ME", "--server", api)
                    .exitCode())
            .isZero();
        awaitStatus(jdbc, "CANCEL-ME", "running");
        String cancelId =
            CliTestSupport.run("job", "status", "--job-key", "CANCEL-ME", "--data", data.toString())
                .stdout()
                .replaceAll("(?s).*\\(id=(\\d+)\\).*", "$1");
        assertThat(
                CliTestSupport.run("job", "cancel", "--job-id", cancelId, "--server", api)
                    .exitCode())
            .isZero();
        awaitStatus(jdbc, "CANCEL-ME", "canceled");
        long ocred =
            jdbc.queryLong(
                "SELECT count(*) FROM page_metrics p JOIN tasks t ON t.id = p.task_id JOIN jobs j ON j.id = t.job_id WHERE j.job_key = 'CANCEL-ME'");
        assertThat(ocred).as("canceled before the 44 pages were done").isLessThan(44);
        assertThat(CliTestSupport.run("job", "status", "--data", data.toString()).stdout())
            .doesNotContain("CANCEL-ME");
        assertThat(CliTestSupport.run("job", "status", "--all", "--data", data.toString()).stdout())
            .contains("Job: CANCEL-ME")
            .contains("Status: canceled");

        // restarted by its key, it runs what the cancel left and reuses every finished page
        CliTestSupport.Result restart =
            CliTestSupport.run(
                "job",
                "restart",
                "--job-key",
                "CANCEL-ME",
                "--temporal",
                temporal,
                "--data",
                data.toString());
        assertThat(restart.exitCode()).as(restart.stdout()).isZero();
        assertThat(restart.stdout())
            .contains("Restarted job CANCEL-ME")
            .contains("volume(s) to run again");
        awaitStatus(jdbc, "CANCEL-ME", "completed");
        assertThat(
                jdbc.queryLong(
                    "SELECT count(*) FROM page_metrics p JOIN tasks t ON t.id = p.task_id JOIN jobs j ON j.id = t.job_id"
                        + " WHERE j.job_key = 'CANCEL-ME' AND p.status = 'ok'"))
            .as(
                "pages ok; tasks: %s; not ok: %s",
                jdbc.query(
                    "SELECT t.id || ' ' || t.status || ' ' || coalesce(t.total_pages, -1) FROM tasks t"
                        + " JOIN jobs j ON j.id = t.job_id WHERE j.job_key = 'CANCEL-ME'",
                    rs -> rs.getString(1)),
                jdbc.query(
                    "SELECT p.image_name || ': ' || p.status || ' ' || coalesce(p.error, '') FROM page_metrics p"
                        + " JOIN tasks t ON t.id = p.task_id JOIN jobs j ON j.id = t.job_id"
                        + " WHERE j.job_key = 'CANCEL-ME' AND p.status <> 'ok'",
                    rs -> rs.getString(1)))
            .isEqualTo(44);
      }

      // A JVM stopped by SIGTERM exits 143 once its shutdown hook has finished.
      assertThat(worker.stop(Duration.ofSeconds(40))).isIn(0, 143);
      assertThat(dev.stop(Duration.ofSeconds(60))).isIn(0, 143);
      assertThat(dev.output)
          .as(String.join("\n", dev.output))
          .anyMatch(l -> l.contains("Stopping: letting pages in flight finish"))
          .anyMatch(l -> l.contains("ocrbatch dev stopped."));
    }
  }

  private static CliProcess startWorkerAfter(CliProcess dev, String temporal, Path data)
      throws Exception {
    dev.awaitOutput("ocrbatch dev is up", Duration.ofSeconds(90));
    return CliProcess.start(
        data.getParent(),
        "worker",
        "--temporal",
        temporal,
        "--data",
        data.toString(),
        "--threads",
        "1",
        "--name",
        "second-worker");
  }

  /** Waits until the job's status in the database is {@code status}. */
  static void awaitStatus(Jdbc jdbc, String jobKey, String status) throws InterruptedException {
    waitFor(
        () ->
            status.equals(
                jdbc.queryOne(
                        "SELECT status FROM jobs WHERE job_key = ?", rs -> rs.getString(1), jobKey)
                    .orElse("")));
  }

  static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 120 s");
      Thread.sleep(200);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
