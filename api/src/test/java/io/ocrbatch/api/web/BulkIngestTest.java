package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.dropfolder.BulkIngest;
import io.ocrbatch.activities.intake.Intake;
import io.ocrbatch.activities.intake.JobLauncher;
import io.ocrbatch.activities.statusdb.FileRow;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.workflows.JobTypeSpec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bulk ingest of a tree: size tiers become priorities and intake jobs, a re-run adds only what is
 * new or changed, and the ingested files drain through a real worker (null engine).
 */
class BulkIngestTest {
  private static final long MB = 1024 * 1024;
  @TempDir static Path dir;
  private static ApiHarness api;
  private static StatusStore store;
  private static BulkIngest ingest;

  @BeforeAll
  static void start() throws IOException {
    api = ApiHarness.start(Files.createDirectories(dir.resolve("data")));
    store = StatusStore.over(api.db.database().jdbc());
    store
        .jobTypes()
        .create(
            new JobTypeSpec(
                0, "null-text", "null", "text", "eng", "unicode", "auto", List.of("txt")),
            "tests");
    Intake intake =
        new Intake(
            store, new JobLauncher(api.temporal.getWorkflowClient(), store, ApiHarness.FAST_RETRY));
    ingest = new BulkIngest(store, intake);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static FileRow file(String publisher, String name) {
    return store.files().list(publisher, null, 100).stream()
        .filter(f -> f.fileName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /** A file of the given size that starts like a PNG (sparse: costs no disk). */
  private static void sized(Path file, long bytes, byte[] head) throws IOException {
    Files.createDirectories(file.getParent());
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.write(head);
      f.setLength(Math.max(bytes, head.length));
    }
  }

  @Test
  void sizeTiersBecomePrioritiesAndARerunAddsOnlyNewFiles() throws Exception {
    Path tree = dir.resolve("archive");
    byte[] pdf = "%PDF-1.4\n".getBytes();
    sized(tree.resolve("ArchA/tiny.pdf"), 1000, pdf);
    sized(tree.resolve("ArchA/two.pdf"), 3 * MB, pdf);
    sized(tree.resolve("ArchA/seven.pdf"), 7 * MB, pdf);
    sized(tree.resolve("ArchB/deep/twenty.pdf"), 20 * MB, pdf);
    sized(tree.resolve("ArchB/huge.pdf"), 60 * MB, pdf);
    Files.writeString(tree.resolve("ArchB/readme.txt"), "not a scan");
    BulkIngest.Options options =
        new BulkIngest.Options("null-text", dir.resolve("out").toString(), 2, 3);

    BulkIngest.Progress first = ingest.ingest(tree, options, p -> {});
    assertThat(first.seen()).isEqualTo(6);
    assertThat(first.added()).isEqualTo(6);
    assertThat(first.skipped()).isEqualTo(1);
    assertThat(first.submittedByPriority()).isEqualTo(Map.of(1, 1, 2, 1, 3, 1, 4, 1, 5, 1));
    Map<String, Integer> priorities =
        store.files().list(null, null, 100).stream()
            .filter(f -> f.origin().equals(BulkIngest.origin(tree)))
            .collect(Collectors.toMap(FileRow::fileName, FileRow::priority));
    assertThat(priorities)
        .containsEntry("tiny.pdf", 1)
        .containsEntry("two.pdf", 2)
        .containsEntry("seven.pdf", 3)
        .containsEntry("deep/twenty.pdf", 4)
        .containsEntry("huge.pdf", 5);
    for (int p = 1; p <= 5; p++) {
      var job = store.jobs().byKey(p == 3 ? "intake-null-text" : "intake-null-text-p" + p);
      assertThat(job).as("intake job of priority " + p).isPresent();
      assertThat(job.get().priority()).isEqualTo(p);
    }

    sized(tree.resolve("ArchA/later.pdf"), 2000, pdf);
    BulkIngest.Progress second = ingest.ingest(tree, options, p -> {});
    assertThat(second.added()).isEqualTo(1);
    assertThat(second.unchanged()).isEqualTo(6);
    assertThat(second.submittedByPriority()).isEqualTo(Map.of(1, 1));
  }

  @Test
  void ingestedImagesDrainThroughTheWorkers() throws Exception {
    Path tree = dir.resolve("scans");
    Files.createDirectories(tree.resolve("Lib"));
    Files.write(tree.resolve("Lib/a.png"), DropFolderWatchTest.png(0));
    Files.write(tree.resolve("Lib/b.png"), DropFolderWatchTest.png(9));
    Path out = dir.resolve("scan-results");
    ingest.ingest(tree, new BulkIngest.Options("null-text", out.toString(), 1000, 4), p -> {});
    String origin = BulkIngest.origin(tree);
    long deadline = System.nanoTime() + 150_000_000_000L;
    while (store.files().countsOf(origin).get("completed") < 2) {
      assertThat(System.nanoTime())
          .as("drained in time: " + store.files().countsOf(origin))
          .isLessThan(deadline);
      Thread.sleep(200);
    }
    assertThat(store.files().list("scans", null, 10)).isEmpty(); // publisher is the top folder

    // a changed file is done again by the same intake job
    java.time.Instant before = file("Lib", "a.png").completedAt();
    Thread.sleep(20); // another modification time even on coarse clocks
    Files.write(tree.resolve("Lib/a.png"), DropFolderWatchTest.png(99));
    BulkIngest.Progress again =
        ingest.ingest(tree, new BulkIngest.Options("null-text", out.toString(), 1000, 4), p -> {});
    assertThat(again.changed()).isEqualTo(1);
    assertThat(again.unchanged()).isEqualTo(1);
    while (!("completed".equals(file("Lib", "a.png").status())
        && file("Lib", "a.png").completedAt().isAfter(before))) {
      assertThat(System.nanoTime())
          .as("redone in time: " + file("Lib", "a.png"))
          .isLessThan(deadline);
      Thread.sleep(200);
    }
    assertThat(store.files().list("Lib", "completed", 10))
        .allSatisfy(f -> assertThat(f.outputPath()).startsWith(out.toString()));
  }
}
