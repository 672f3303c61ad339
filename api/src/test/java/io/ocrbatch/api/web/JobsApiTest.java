package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.ocrbatch.activities.samples.SamplePdf;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs, job types, queue, API description and health over real HTTP. */
class JobsApiTest {
  @TempDir static Path data;
  static ApiHarness api;

  @BeforeAll
  static void start() {
    api = ApiHarness.start(data.resolve("server"));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static Path volumes(String name, int volumes, int pages) throws Exception {
    Path root = data.resolve(name);
    for (int v = 1; v <= volumes; v++)
      SamplePdf.writeEnglish(root.resolve(name + "-" + v).resolve("book.pdf"), pages);
    return root;
  }

  private static String json(String template, Object... args) {
    return String.format(template.replace('\'', '"'), args);
  }

  @Test
  void aFolderJobIsCreatedOnceFollowedOverSseAndListed() throws Exception {
    Path folder = volumes("folder-job", 2, 1);
    String body =
        json(
            "{'job_type': 'tesseract-eng', 'folder': '%s', 'job_key': 'api-folder-1', 'dpi': 150}",
            folder);

    ApiHarness.Reply created = api.post("/api/jobs", body);
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("job_key").asText()).isEqualTo("api-folder-1");
    assertThat(created.json().path("tasks").path("total").asInt()).isEqualTo(2);
    ApiHarness.Reply again = api.post("/api/jobs", body);
    assertThat(again.status()).as("same key: the existing job").isEqualTo(200);
    assertThat(again.json().path("id").asLong()).isEqualTo(created.json().path("id").asLong());

    List<SseRecorder.Event> events =
        SseRecorder.read(
            api.url("/api/jobs/api-folder-1/events"), null, "end", Duration.ofSeconds(120));
    assertThat(events.get(events.size() - 1).name()).isEqualTo("end");
    assertThat(events).extracting(SseRecorder.Event::name).contains("progress");
    JsonNode end = ApiHarness.JSON.readTree(events.get(events.size() - 1).data());
    assertThat(end.path("status").asText()).isEqualTo("completed");
    assertThat(end.path("pages").path("ok").asInt()).isEqualTo(2);
    assertThat(end.path("pages").path("percent").asDouble()).isEqualTo(100.0);

    JsonNode job = api.get("/api/jobs/api-folder-1").json();
    assertThat(job.path("job_type").asText()).isEqualTo("tesseract-eng");
    assertThat(job.path("tasks").path("done").asInt()).isEqualTo(2);
    assertThat(api.get("/api/jobs?status=completed").json().findValuesAsText("job_key"))
        .contains("api-folder-1");
    assertThat(api.get("/api/jobs?exclude_status=completed").json().findValuesAsText("job_key"))
        .doesNotContain("api-folder-1");
    assertThat(api.get("/api/jobs?status=bogus").status()).isEqualTo(400);
    assertThat(api.get("/api/jobs/nope").status()).isEqualTo(404);
    assertThat(api.get("/api/jobs/nope/events").status()).isEqualTo(404);
    assertThat(api.post("/api/jobs/api-folder-1/pause", "").status())
        .as("an ended job")
        .isEqualTo(409);
  }

  @Test
  void badJobRequestsAreRefusedWithTheReason() {
    assertThat(api.post("/api/jobs", "{not json").json().path("detail").asText())
        .contains("not valid JSON");
    assertThat(
            api.post("/api/jobs", json("{'job_type': 'nope', 'volumes': ['/tmp']}"))
                .json()
                .path("detail")
                .asText())
        .contains("unknown job type 'nope'");
    assertThat(
            api.post(
                    "/api/jobs",
                    json("{'job_type': 'tesseract-eng', 'folder': '%s/no/such/folder'}", data))
                .json()
                .path("detail")
                .asText())
        .contains("folder '" + data + "/no/such/folder' not found");
    assertThat(
            api.post(
                    "/api/jobs",
                    json(
                        "{'job_type': 'tesseract-eng', 'folder': '%s', 'callback_url': 'ftp://x'}",
                        data))
                .json()
                .path("detail")
                .asText())
        .contains("must be an absolute http");
  }

  @Test
  void pauseResumeAndCancelAreSignalsOnTheJobsWorkflow() throws Exception {
    Path folder = volumes("control-job", 4, 3);
    api.post(
        "/api/jobs",
        json(
            "{'job_type': 'tesseract-eng', 'folder': '%s', 'job_key': 'api-control', 'concurrency': 1}",
            folder));

    assertThat(api.post("/api/jobs/api-control/pause", "").status()).isEqualTo(200);
    api.awaitField("/api/jobs/api-control", "status", Duration.ofSeconds(30), "paused");
    api.post("/api/jobs/api-control/resume", "");
    api.awaitField("/api/jobs/api-control", "status", Duration.ofSeconds(30), "running");

    // what `temporal workflow signal --workflow-id api-control --name pause` sends
    api.temporal.getWorkflowClient().newUntypedWorkflowStub("api-control").signal("pause");
    api.awaitField("/api/jobs/api-control", "status", Duration.ofSeconds(30), "paused");

    assertThat(api.post("/api/jobs/api-control/cancel", "").status()).isEqualTo(200);
    JsonNode canceled =
        api.awaitField("/api/jobs/api-control", "status", Duration.ofSeconds(60), "canceled");
    assertThat(canceled.path("tasks").path("done").asInt()).isLessThan(4);
  }

  @Test
  void aPauseHoldsTheRunningVolumesPagesAndResumeFinishesEachOnce() throws Exception {
    Path folder = volumes("paused-pages", 1, 30);
    String job = "/api/jobs/api-paused-pages";
    api.post(
        "/api/jobs",
        json(
            "{'job_type': 'tesseract-eng', 'folder': '%s', 'job_key': 'api-paused-pages', 'dpi': 150}",
            folder));
    while (pagesOk(job) < 2) Thread.sleep(100);

    assertThat(api.post(job + "/pause", "").status()).isEqualTo(200);
    api.awaitField(job, "status", Duration.ofSeconds(30), "paused");
    long held = settledPagesOk(job);
    Path results = Path.of(api.get(job).json().path("output_root").asText());
    Map<Path, FileTime> written = jsonFiles(results);

    assertThat(held).as("the running volume stopped mid-way").isLessThan(30);
    assertThat(written).hasSize((int) held);
    assertThat(api.get(job).json().path("tasks").path("running").asInt())
        .as("the volume holds its place")
        .isEqualTo(1);

    api.post(job + "/resume", "");
    JsonNode end = api.awaitField(job, "status", Duration.ofMinutes(3), "completed", "failed");
    assertThat(end.path("status").asText()).isEqualTo("completed");
    assertThat(end.path("pages").path("ok").asInt()).isEqualTo(30);
    Map<Path, FileTime> after = jsonFiles(results);
    assertThat(after).hasSize(30);
    written.forEach(
        (page, time) ->
            assertThat(after.get(page)).as("%s was not OCRed again", page).isEqualTo(time));
  }

  private static int pagesOk(String job) {
    return api.get(job).json().path("pages").path("ok").asInt();
  }

  /** The job's pages done once they stop changing (pages in flight at the pause finish). */
  private static long settledPagesOk(String job) throws InterruptedException {
    int last = pagesOk(job);
    long stableSince = System.nanoTime();
    long deadline = stableSince + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() - stableSince < Duration.ofSeconds(5).toNanos()) {
      if (System.nanoTime() > deadline) throw new AssertionError("pages never stopped: " + last);
      Thread.sleep(200);
      int now = pagesOk(job);
      if (now != last) {
        last = now;
        stableSince = System.nanoTime();
      }
    }
    return last;
  }

  private static Map<Path, FileTime> jsonFiles(Path root) throws Exception {
    Map<Path, FileTime> files = new java.util.HashMap<>();
    try (var walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator)
        if (p.getFileName().toString().matches("book-\\d+\\.json"))
          files.put(p, Files.getLastModifiedTime(p));
    }
    return files;
  }

  @Test
  void uploadedFilesMakeAJobAndItsCallbackIsToldWhenItEnds() throws Exception {
    CompletableFuture<String> told = new CompletableFuture<>();
    HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext(
        "/hook",
        exchange -> {
          told.complete(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    hook.start();
    try {
      SamplePdf.writeEnglish(data.resolve("a.pdf"), 1);
      byte[] pdf = Files.readAllBytes(data.resolve("a.pdf"));
      ApiHarness.Reply reply =
          api.upload(
              "/api/jobs?job_type=tesseract-eng&dpi=120&priority=1&callback_url=http://127.0.0.1:"
                  + hook.getAddress().getPort()
                  + "/hook",
              "files",
              "a.pdf",
              pdf,
              "b.pdf",
              pdf);
      assertThat(reply.status()).as(reply.body()).isEqualTo(201);
      assertThat(reply.json().path("priority").asInt()).isEqualTo(1);
      String key = reply.json().path("job_key").asText();

      JsonNode callback = ApiHarness.JSON.readTree(told.get(90, TimeUnit.SECONDS));
      assertThat(callback.path("job_key").asText()).isEqualTo(key);
      assertThat(callback.path("status").asText()).isEqualTo("completed");
      assertThat(callback.path("pages").path("ok").asInt()).isEqualTo(2);
      assertThat(api.get("/ocr/result/" + key).json().path("results").size())
          .as("uploads are /ocr jobs too")
          .isEqualTo(2);
    } finally {
      hook.stop(0);
    }
  }

  @Test
  void jobTypesAreListedAndCreatedWithChecks() {
    assertThat(api.get("/api/job-types").json().findValuesAsText("name"))
        .contains("tesseract-eng", "tesseract-bod-wylie");
    assertThat(api.get("/api/job-types").json())
        .filteredOn(t -> t.path("name").asText().equals("tesseract-bod-unicode"))
        .singleElement()
        .satisfies(t -> assertThat(t.path("language_name").asText()).isEqualTo("Tibetan"));
    ApiHarness.Reply created =
        api.post(
            "/api/job-types",
            json(
                "{'name': 'bod-lines', 'model': 'bod', 'encoding': 'wylie', 'line_mode': 'line'}"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("output_formats").toString()).isEqualTo("[\"txt\",\"json\"]");
    assertThat(api.post("/api/job-types", json("{'name': 'bod-lines', 'model': 'bod'}")).status())
        .isEqualTo(409);
    assertThat(
            api.post("/api/job-types", json("{'name': '../x', 'model': 'bod'}"))
                .json()
                .path("detail")
                .asText())
        .contains("must be 1-64 letters");
    assertThat(
            api.post("/api/job-types", json("{'name': 'x', 'model': 'bod', 'engine': 'magic'}"))
                .status())
        .isEqualTo(400);
  }

  @Test
  void requeueRerunsFailedTasksOfEndedJobsAndQueueStatsCountThem() throws Exception {
    Path folder = volumes("requeue-job", 2, 1);
    Path moved = data.resolve("moved-away");
    api.post(
        "/api/jobs",
        json(
            "{'job_type': 'tesseract-eng', 'folder': '%s', 'job_key': 'api-requeue', 'dpi': 100}",
            folder));
    Files.move(
        folder.resolve("requeue-job-2"),
        moved); // the volume is gone when its task runs: terminal failure
    api.awaitField("/api/jobs/api-requeue", "status", Duration.ofSeconds(90), "failed");
    assertThat(api.get("/api/queue/stats").json().path("failed").asInt()).isGreaterThanOrEqualTo(1);

    Files.move(moved, folder.resolve("requeue-job-2"));
    JsonNode requeue = api.postEmpty("/api/queue/requeue-failed").json();
    assertThat(requeue.path("requeued").asInt()).isEqualTo(1);
    assertThat(requeue.path("jobs").toString()).contains("api-requeue");
    JsonNode done =
        api.awaitField("/api/jobs/api-requeue", "status", Duration.ofSeconds(90), "completed");
    assertThat(done.path("tasks").path("done").asInt()).isEqualTo(2);

    JsonNode stats = api.get("/api/queue/stats").json();
    assertThat(stats.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder(
            "pending",
            "processing",
            "failed",
            "completed_today",
            "avg_wait_time_minutes",
            "oldest_pending_minutes");
    assertThat(stats.path("completed_today").asInt()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void theApiIsDescribedAndHealthSaysWhatItDependsOn() {
    JsonNode docs = api.get("/v3/api-docs").json();
    assertThat(docs.path("paths").has("/ocr/submit")).isTrue();
    assertThat(docs.path("paths").has("/api/jobs/{key}/events")).isTrue();
    assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
    JsonNode health = api.get("/actuator/health").json();
    assertThat(health.path("status").asText()).isEqualTo("UP");
    assertThat(health.path("components").path("database").path("status").asText()).isEqualTo("UP");
    assertThat(health.path("components").path("temporal").path("status").asText()).isEqualTo("UP");
  }
}
