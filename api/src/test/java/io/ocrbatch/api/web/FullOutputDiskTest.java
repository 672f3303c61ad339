package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocrbatch.activities.samples.SamplePdf;
import io.ocrbatch.activities.statusdb.Jdbc;
import io.ocrbatch.activities.testing.FullDisk;
import io.ocrbatch.api.JobRequest;
import io.ocrbatch.api.VolumeResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job whose output disk is full (a tmpfs filled to the brim; a read-only folder without root): it
 * holds, says so with the path in the API, spends no attempt, and completes by itself once there is
 * room, every page once, nothing half-written left behind.
 */
class FullOutputDiskTest {
  @TempDir Path root;

  @Test
  void aJobWhoseOutputDiskIsFullHoldsSaysWhereAndCompletesOnceThereIsRoom() throws Exception {
    Path volumes = root.resolve("scans");
    for (int v = 1; v <= 2; v++)
      SamplePdf.writeEnglish(volumes.resolve("full-" + v).resolve("book.pdf"), 2);
    try (ApiHarness api = ApiHarness.start(root.resolve("data"));
        FullDisk disk = FullDisk.at(root.resolve("disk"))) {
      api.jobs.submit(
          new JobRequest(
              "tesseract-eng",
              VolumeResolver.fromFolder(volumes),
              "full-disk",
              disk.folder().toString(),
              2,
              150));

      JsonNode holding = awaitHeld(api);
      assertThat(holding.path("status").asText()).isEqualTo("running");
      assertThat(holding.path("held").get(0).path("reason").asText())
          .as("the API names the folder and why")
          .contains(disk.folder().resolve("tesseract-eng").toString())
          .contains(disk.refusal());
      assertThat(holding.path("held").get(0).path("since").asText()).isNotEmpty();

      disk.free();
      JsonNode end =
          api.awaitField(
              "/api/jobs/full-disk", "status", Duration.ofMinutes(3), "completed", "failed");

      assertThat(end.path("status").asText()).isEqualTo("completed");
      assertThat(end.path("held")).as("no hold left").isEmpty();
      Jdbc sql = api.db.database().jdbc();
      assertThat(
              sql.queryLong(
                  "SELECT count(*) FROM page_metrics p JOIN tasks t ON t.id = p.task_id"
                      + " JOIN jobs j ON j.id = t.job_id WHERE j.job_key = 'full-disk' AND p.status = 'ok'"))
          .isEqualTo(4);
      assertThat(
              sql.queryLong(
                  "SELECT max(t.attempts) FROM tasks t JOIN jobs j ON j.id = t.job_id WHERE j.job_key = 'full-disk'"))
          .as("the hold spent no attempt")
          .isEqualTo(1);
      List<String> files;
      try (Stream<Path> walk = Files.walk(disk.folder().resolve("tesseract-eng"))) {
        files =
            walk.filter(Files::isRegularFile)
                .map(p -> p.getFileName().toString())
                .sorted()
                .toList();
      }
      assertThat(files)
          .as("each page's .txt and .json, each volume's manifest, config and success marker")
          .containsExactly(
              "book-0001.json",
              "book-0001.json",
              "book-0001.txt",
              "book-0001.txt",
              "book-0002.json",
              "book-0002.json",
              "book-0002.txt",
              "book-0002.txt",
              "config.json",
              "config.json",
              "manifest.json",
              "manifest.json",
              "success.json",
              "success.json");
    }
  }

  private static JsonNode awaitHeld(ApiHarness api) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    JsonNode job = null;
    while (System.nanoTime() < end) {
      job = api.get("/api/jobs/full-disk").json();
      if (job.path("held").size() > 0) return job;
      Thread.sleep(200);
    }
    throw new AssertionError("the job never said it holds: " + job);
  }
}
