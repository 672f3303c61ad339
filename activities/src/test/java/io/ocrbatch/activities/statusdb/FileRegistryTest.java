package io.ocrbatch.activities.statusdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.testing.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The file registry on a real PostgreSQL, read the way SQL users and the stats commands do. */
class FileRegistryTest {
  private static TestDatabases.Fresh db;
  private static FileRegistry files;
  private static Jdbc jdbc;

  @BeforeAll
  static void start() {
    db = TestDatabases.fresh();
    jdbc = db.database().jdbc();
    files = new FileRegistry(jdbc);
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  private static FoundFile file(String publisher, String name, long size, String fingerprint) {
    String format = name.endsWith(".docx") ? null : "pdf";
    return new FoundFile(
        publisher,
        name,
        "s3://bucket/drop/" + publisher + "/" + name,
        size,
        format,
        format == null ? "unsupported format .docx" : null,
        fingerprint,
        3);
  }

  @Test
  void registeringAgainAddsOnlyNewAndChangedFilesAndCountsPerPublisher() {
    String origin = "watch:counts";
    FileRegistry.Registered first =
        files.register(
            origin,
            2,
            List.of(
                file("CountA", "a.pdf", 10, "e1"),
                file("CountA", "b.pdf", 10, "e1"),
                file("CountB", "c.pdf", 10, "e1"),
                file("CountB", "notes.docx", 10, "e1")));
    assertThat(first.counts()).isEqualTo(new FileRegistry.Registered(4, 0, 1, 0));

    FileRegistry.Registered second =
        files.register(
            origin,
            2,
            List.of(
                file("CountA", "a.pdf", 10, "e1"),
                file("CountA", "b.pdf", 12, "e2"),
                file("CountB", "c.pdf", 10, "e1"),
                file("CountB", "d.pdf", 10, "e1")));
    assertThat(second.counts()).isEqualTo(new FileRegistry.Registered(1, 1, 0, 2));

    FileStats stats = files.stats();
    FileStats.Publisher a = publisher(stats, "CountA");
    FileStats.Publisher b = publisher(stats, "CountB");
    assertThat(a.counts()).containsEntry("pending", 2L).containsEntry("skipped", 0L);
    assertThat(b.counts()).containsEntry("pending", 2L).containsEntry("skipped", 1L);
    assertThat(files.list("CountB", "skipped", 10))
        .singleElement()
        .satisfies(f -> assertThat(f.skipReason()).contains(".docx"));
  }

  @Test
  void theReadmeQueriesAnswerFromTheTable() {
    String origin = "watch:sql";
    files.register(
        origin, 1, List.of(file("SqlPub", "x.pdf", 5, "e"), file("SqlPub", "y.pdf", 5, "e")));
    List<FileRow> taken = files.claim(origin, 1, Duration.ofHours(1));
    files.failed(taken.get(0).id(), "engine exploded");

    List<String> byStatus =
        jdbc.query(
            "SELECT publisher, status, count(*) FROM files GROUP BY 1, 2 ORDER BY 1, 2",
            rs -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3));
    assertThat(byStatus).contains("SqlPub failed 1", "SqlPub pending 1");

    List<String> failures =
        jdbc.query(
            "SELECT publisher, file_name, error_message, retry_count FROM files"
                + " WHERE status = 'failed' ORDER BY completed_at DESC LIMIT 20",
            rs -> rs.getString(2) + ": " + rs.getString(3) + " x" + rs.getInt(4));
    assertThat(failures).contains("x.pdf: engine exploded x1");

    List<String> perDay =
        jdbc.query(
            "SELECT publisher, date_trunc('day', discovered_at)::date, count(*),"
                + " sum(size_bytes) FROM files GROUP BY 1, 2 ORDER BY 2 DESC, 1",
            rs -> rs.getString(1) + " " + rs.getLong(3) + " " + rs.getLong(4));
    assertThat(perDay).contains("SqlPub 2 10");
  }

  @Test
  void claimTakesTheMostUrgentFirstAndRetriesFailedFilesWithinTheLimit() {
    String origin = "watch:claim";
    List<FoundFile> found = new ArrayList<>();
    for (int p = 5; p >= 1; p--)
      found.add(
          new FoundFile(
              "ClaimPub",
              "p" + p + ".pdf",
              "s3://bucket/claim/p" + p + ".pdf",
              p,
              "pdf",
              null,
              "e",
              p));
    files.register(origin, 1, found);
    List<FileRow> first = files.claim(origin, 2, Duration.ofHours(1));
    assertThat(first).extracting(FileRow::fileName).containsExactly("p1.pdf", "p2.pdf");

    FileRow failing = first.get(0);
    files.failed(failing.id(), "bad scan");
    assertThat(files.claim(origin, 1, Duration.ofHours(1)))
        .extracting(FileRow::fileName)
        .containsExactly("p1.pdf"); // one retry left (max 1)
    files.failed(failing.id(), "bad scan again");
    assertThat(files.claim(origin, 10, Duration.ofHours(1)))
        .extracting(FileRow::fileName)
        .containsExactly("p3.pdf", "p4.pdf", "p5.pdf"); // p1 has no retries left

    assertThat(files.list("ClaimPub", "failed", 10))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.errorMessage()).isEqualTo("bad scan again");
              assertThat(f.retryCount()).isEqualTo(2);
            });
    assertThat(files.resetFailed("ClaimPub")).isEqualTo(1);
    assertThat(files.list("ClaimPub", "pending", 10))
        .singleElement()
        .satisfies(f -> assertThat(f.retryCount()).isZero());
  }

  @Test
  void cleanupForgetsOnlyOldCompletedFiles() {
    String origin = "watch:cleanup";
    files.register(
        origin,
        1,
        List.of(file("CleanPub", "old.pdf", 1, "e"), file("CleanPub", "new.pdf", 1, "e")));
    for (FileRow f : files.claim(origin, 10, Duration.ofHours(1))) files.completed(f.id(), "out");
    jdbc.update(
        "UPDATE files SET completed_at = now() - interval '100 days' WHERE file_name = 'old.pdf'"
            + " AND publisher = 'CleanPub'");
    assertThat(files.cleanupCompleted(Duration.ofDays(90))).isEqualTo(1);
    assertThat(files.list("CleanPub", null, 10))
        .extracting(FileRow::fileName)
        .containsExactly("new.pdf");
    assertThat(publisher(files.stats(), "CleanPub").counts()).containsEntry("completed", 1L);
  }

  @Test
  void statsCountEveryStatus() {
    Map<String, Long> total = files.stats().total();
    assertThat(total.keySet()).containsExactlyElementsOf(FileStats.STATUSES);
  }

  private static FileStats.Publisher publisher(FileStats stats, String name) {
    return stats.publishers().stream()
        .filter(p -> p.publisher().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
