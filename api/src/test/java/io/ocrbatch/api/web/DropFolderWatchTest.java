package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocrbatch.activities.dropfolder.WatchConfig;
import io.ocrbatch.activities.dropfolder.WatchControl;
import io.ocrbatch.activities.statusdb.FileRow;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.worker.OcrWorker;
import io.ocrbatch.worker.WorkerSettings;
import io.ocrbatch.workflows.JobTypeSpec;
import io.ocrbatch.workflows.watch.WatchRunReport;
import io.ocrbatch.workflows.watch.WatchSpec;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Drop folders as publishers use them: an S3Mock bucket and a local folder with a folder per
 * publisher, watched by the watch workflow on an in-process Temporal, recorded in a real
 * PostgreSQL, OCRed by the null engine.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class DropFolderWatchTest {
  private static final String BUCKET = "drops";
  @TempDir static Path dir;
  private static AwsServers aws;
  private static ApiHarness api;
  private static StatusStore store;
  private static WatchControl watches;

  @BeforeAll
  static void start() throws IOException {
    aws = new AwsServers(Files.createDirectories(dir.resolve("s3")), BUCKET);
    api =
        ApiHarness.withAws(
            Files.createDirectories(dir.resolve("data")),
            aws.settings(aws.s3Endpoint(), "archive.tbrc.org"),
            null);
    store = StatusStore.over(api.db.database().jdbc());
    store
        .jobTypes()
        .create(
            new JobTypeSpec(
                0, "null-text", "null", "text", "eng", "unicode", "auto", List.of("txt", "json")),
            "tests");
    watches = new WatchControl(api.temporal.getWorkflowClient());
  }

  @AfterAll
  static void stop() {
    api.close();
    aws.close();
  }

  private static WatchSpec spec(String yaml) {
    try {
      Path file = dir.resolve("watch-" + System.nanoTime() + ".yaml");
      Files.writeString(file, yaml);
      return WatchConfig.load(file).spec();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static byte[] png(int shade) throws IOException {
    BufferedImage image = new BufferedImage(300, 120, BufferedImage.TYPE_BYTE_GRAY);
    for (int x = 0; x < 300; x++) image.getRaster().setSample(x, 60, 0, shade);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static void put(String key, byte[] bytes) {
    aws.s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
  }

  private static boolean exists(String key) {
    try {
      aws.s3.headObject(b -> b.bucket(BUCKET).key(key));
      return true;
    } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
      return false;
    }
  }

  private static FileRow file(String publisher, String name) {
    return store.files().list(publisher, null, 1000).stream()
        .filter(f -> f.fileName().equals(name))
        .findFirst()
        .orElse(null);
  }

  @Test
  @org.junit.jupiter.api.Order(1)
  void s3PublishersGetResultsBesideTheirFilesAndFailuresEndFailedUntilReset() throws Exception {
    put("sftp/PubA/book1.png", png(0));
    put("sftp/PubA/notes.docx", new byte[] {1, 2, 3});
    put("sftp/PubB/scans/scan.png", png(10));
    WatchSpec spec =
        spec(
            "name: s3pubs\nsource: s3://drops/sftp\njob-type: null-text\nmax-retries: 1\n"
                + "output-folder: ocr\nconcurrency: 2\ntimeout-per-file: 2m\n");

    WatchRunReport first = watches.runOnce(spec);
    assertThat(first.discoveredNew()).isEqualTo(3);
    assertThat(first.skipped()).isEqualTo(1);
    assertThat(first.completed()).isEqualTo(2);
    assertThat(first.failed()).isZero();
    assertThat(exists("sftp/PubA/ocr/book1/book1.txt")).isTrue();
    assertThat(exists("sftp/PubA/ocr/book1/success.json")).isTrue();
    assertThat(exists("sftp/PubB/ocr/scans/scan/scan.txt")).isTrue();
    byte[] zip =
        aws.s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("sftp/PubA/ocr/book1.zip")).asByteArray();
    try (ZipInputStream entries = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      List<String> names = new java.util.ArrayList<>();
      for (var e = entries.getNextEntry(); e != null; e = entries.getNextEntry())
        names.add(e.getName());
      assertThat(names).contains("book1.txt", "book1.json", "manifest.json");
    }
    assertThat(file("PubA", "notes.docx").status()).isEqualTo("skipped");
    assertThat(file("PubA", "notes.docx").skipReason()).contains(".docx");
    assertThat(file("PubA", "book1.png").outputPath()).isEqualTo("s3://drops/sftp/PubA/ocr/book1/");

    // --run-once leaves nothing running
    var described =
        api.temporal
            .getWorkflowClient()
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace("default")
                    .setExecution(
                        io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                            .setWorkflowId(spec.workflowId()))
                    .build());
    assertThat(described.getWorkflowExecutionInfo().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);

    // a changed file is redone, an undecodable one fails every attempt (1 + 1 retry)
    put("sftp/PubA/book1.png", png(200));
    put("sftp/PubA/broken.pdf", "not a pdf at all".getBytes());
    java.time.Instant firstDone = file("PubA", "book1.png").completedAt();
    WatchRunReport second = watches.runOnce(spec);
    assertThat(second.discoveredNew()).isEqualTo(1);
    assertThat(second.changed()).isEqualTo(1);
    assertThat(second.unchanged()).isEqualTo(2);
    assertThat(second.completed()).isEqualTo(1);
    assertThat(second.failed()).isEqualTo(2);
    assertThat(file("PubA", "book1.png").status()).isEqualTo("completed");
    assertThat(file("PubA", "book1.png").completedAt()).isAfter(firstDone);
    FileRow broken = file("PubA", "broken.pdf");
    assertThat(broken.status()).isEqualTo("failed");
    assertThat(broken.retryCount()).isEqualTo(2);
    assertThat(broken.errorMessage()).contains("broken.pdf");

    WatchRunReport third = watches.runOnce(spec);
    assertThat(third.processed()).isZero(); // no retries left, nothing new

    JsonNode stats = api.get("/api/files/stats").json();
    JsonNode pubA = null;
    for (JsonNode p : stats.path("publishers"))
      if (p.path("publisher").asText().equals("PubA")) pubA = p;
    assertThat(pubA).isNotNull();
    assertThat(pubA.path("counts").path("completed").asLong()).isEqualTo(1);
    assertThat(pubA.path("counts").path("failed").asLong()).isEqualTo(1);
    assertThat(pubA.path("counts").path("skipped").asLong()).isEqualTo(1);
    assertThat(api.get("/api/files?publisher=PubA&status=failed").json())
        .singleElement()
        .satisfies(f -> assertThat(f.path("file_name").asText()).isEqualTo("broken.pdf"));
    assertThat(api.get("/api/files?status=lost").status()).isEqualTo(400);

    JsonNode reset = api.postEmpty("/api/files/reset-failed?publisher=PubA").json();
    assertThat(reset.path("reset").asInt()).isEqualTo(1);
    assertThat(file("PubA", "broken.pdf").status()).isEqualTo("pending");
  }

  @Test
  @org.junit.jupiter.api.Order(2)
  void aScheduledWatchFindsAFileAddedBetweenRunsOnTheNextRunOnly() throws Exception {
    Path root = Files.createDirectories(dir.resolve("local-drop"));
    Files.createDirectories(root.resolve("PubL"));
    Files.write(root.resolve("PubL/first.png"), png(0));
    WatchSpec spec =
        spec(
            "name: local\nsource: "
                + root
                + "\njob-type: null-text\ninterval: 8s\nrun-on-startup: true\noutput-folder: out\n");
    assertThat(watches.schedule(spec)).isTrue();
    try {
      until(() -> watches.status("local").runs() >= 1);
      Files.write(root.resolve("PubL/second.png"), png(5));
      assertThat(file("PubL", "second.png")).isNull(); // not before the next run
      until(
          () ->
              file("PubL", "second.png") != null
                  && "completed".equals(file("PubL", "second.png").status())
                  && watches.status("local").lastRun().processed() == 0);
      List<WatchRunReport> runs = watches.status("local").recentRuns();
      assertThat(runs.get(0).run()).isEqualTo(1);
      assertThat(runs.get(0).discoveredNew()).isEqualTo(1); // first.png only
      List<WatchRunReport> finding =
          runs.stream().skip(1).filter(r -> r.discoveredNew() > 0).toList();
      assertThat(finding)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.discoveredNew()).isEqualTo(1);
                assertThat(r.unchanged()).isEqualTo(1);
                assertThat(r.completed()).isEqualTo(1);
              });
      assertThat(runs.stream().skip(1).mapToInt(WatchRunReport::processed).sum()).isEqualTo(1);
      assertThat(Files.readString(root.resolve("PubL/out/second/second.txt")))
          .contains("quick brown fox");
      assertThat(root.resolve("PubL/out/second.zip")).exists();
      assertThat(file("PubL", "first.png").attempts()).isEqualTo(1); // not redone by later runs
    } finally {
      watches.stop("local");
    }
  }

  @Test
  @org.junit.jupiter.api.Order(3)
  void anS3PrefixIsIngestedByPublisherAndSizeTier() throws Exception {
    put("archive/Lib1/small.png", png(0));
    put("archive/Lib2/big.pdf", new byte[6 * 1024 * 1024]);
    put("archive/Lib2/.hidden.png", png(0));
    var intake =
        new io.ocrbatch.activities.intake.Intake(
            store,
            new io.ocrbatch.activities.intake.JobLauncher(
                api.temporal.getWorkflowClient(), store, ApiHarness.FAST_RETRY));
    var ingest = new io.ocrbatch.activities.dropfolder.BulkIngest(store, intake);
    var options =
        new io.ocrbatch.activities.dropfolder.BulkIngest.Options(
            "null-text", "s3://drops/results", 1000, 4);
    var storage =
        new io.ocrbatch.activities.storage.Storage(
            aws.settings(aws.s3Endpoint(), "archive.tbrc.org"));
    try (storage) {
      var done =
          ingest.ingest(
              storage.s3(),
              io.ocrbatch.activities.storage.S3Location.parse("s3://drops/archive"),
              options,
              p -> {});
      assertThat(done.added()).isEqualTo(2);
      assertThat(done.submittedByPriority()).isEqualTo(java.util.Map.of(1, 1, 3, 1));
      assertThat(file("Lib1", "small.png").priority()).isEqualTo(1);
      assertThat(file("Lib2", "big.pdf").priority()).isEqualTo(3);
      assertThat(file("Lib2", "big.pdf").sourceUri()).isEqualTo("s3://drops/archive/Lib2/big.pdf");
      assertThat(store.jobs().byKey("intake-null-text-p1")).isPresent();
      var again =
          ingest.ingest(
              storage.s3(),
              io.ocrbatch.activities.storage.S3Location.parse("s3://drops/archive"),
              options,
              p -> {});
      assertThat(again.added()).isZero();
      assertThat(again.unchanged()).isEqualTo(2);
    }
  }

  @Test
  @org.junit.jupiter.api.Order(9) // last: it stops the harness's worker
  void triggerRunsAtOnceAndTheWatchSurvivesAWorkerRestart() throws Exception {
    Path root = Files.createDirectories(dir.resolve("restart-drop"));
    Files.createDirectories(root.resolve("PubR"));
    WatchSpec spec =
        spec(
            "name: restart\nsource: "
                + root
                + "\njob-type: null-text\ninterval: 10h\nrun-on-startup: false\n");
    assertThat(watches.schedule(spec)).isTrue();
    try {
      assertThat(watches.status("restart").phase()).isEqualTo("waiting");
      api.worker.close();
      Files.write(root.resolve("PubR/late.png"), png(0));
      try (OcrWorker replacement =
          new OcrWorker(
                  api.temporal.getWorkflowClient(),
                  store,
                  WorkerSettings.defaults("watch-restart")
                      .withCpuSlots(2)
                      .withStorage(aws.settings(aws.s3Endpoint(), "archive.tbrc.org")))
              .start()) {
        watches.trigger("restart");
        until(() -> watches.status("restart").runs() >= 1);
        assertThat(watches.status("restart").lastRun().completed()).isEqualTo(1);
        assertThat(root.resolve("PubR/ocr/late/late.txt")).exists();
        assertThat(watches.status("restart").phase()).isEqualTo("waiting");
      }
    } finally {
      watches.stop("restart");
    }
  }

  private static void until(java.util.function.BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("not reached in 90 s");
      Thread.sleep(100);
    }
  }
}
