package io.ocrbatch.activities.dropfolder;

import io.ocrbatch.activities.intake.Intake;
import io.ocrbatch.activities.intake.JobLauncher;
import io.ocrbatch.activities.statusdb.Database;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.workflows.JobTypeSpec;
import io.ocrbatch.workflows.RetrySettings;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bulk ingest at scale (bench/ingest-100k.sh): makes FILES tiny files (1 in 1000 sparse and big, so
 * every size tier shows) over 20 publisher folders, ingests them into a fresh database with an
 * in-process Temporal (no workers: the intake jobs' workflows wait), ingests again (nothing new),
 * then grows the registry to ROWS rows and times the stats read.
 *
 * <p>Args: JDBC URL, tree folder, files, batch size, max I/O, rows for the stats read.
 */
public final class IngestBench {
  public static void main(String[] args) throws Exception {
    String url = args[0];
    Path tree = Path.of(args[1]);
    int files = Integer.parseInt(args[2]);
    int batch = Integer.parseInt(args[3]);
    int maxIo = Integer.parseInt(args[4]);
    long rows = Long.parseLong(args[5]);

    long t0 = System.nanoTime();
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};
    long[] big = {3L << 20, 7L << 20, 30L << 20, 80L << 20};
    for (int i = 0; i < files; i++) {
      Path file =
          tree.resolve("Pub" + (i % 20)).resolve("box" + (i / 1000)).resolve("scan" + i + ".png");
      if (i % 1000 < 20) Files.createDirectories(file.getParent());
      try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
        f.write(png);
        if (i % 1000 == 999) f.setLength(big[(i / 1000) % big.length]);
        else f.write(new byte[200]);
      }
    }
    System.out.printf("made %,d files in %.1f s%n", files, secs(t0));

    TestWorkflowEnvironment temporal =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    try (Database db = Database.connect(url, null, null, 8)) {
      StatusStore store = StatusStore.over(db.jdbc());
      store
          .jobTypes()
          .create(
              new JobTypeSpec(
                  0, "null-text", "null", "text", "eng", "unicode", "auto", List.of("txt")),
              "bench");
      Intake intake =
          new Intake(
              store,
              new JobLauncher(temporal.getWorkflowClient(), store, RetrySettings.defaults()));
      BulkIngest ingest = new BulkIngest(store, intake);
      BulkIngest.Options options =
          new BulkIngest.Options("null-text", tree.resolveSibling("out").toString(), batch, maxIo);

      long t1 = System.nanoTime();
      BulkIngest.Progress first = ingest.ingest(tree, options, p -> {});
      double s1 = secs(t1);
      System.out.printf(
          "ingest #1: %,d files in %.1f s = %,.0f files/s (%,.0f files/min); %d new, %d skipped; by priority %s%n",
          first.seen(),
          s1,
          first.seen() / s1,
          first.seen() / s1 * 60,
          first.added(),
          first.skipped(),
          first.submittedByPriority());
      long t2 = System.nanoTime();
      BulkIngest.Progress second = ingest.ingest(tree, options, p -> {});
      double s2 = secs(t2);
      System.out.printf(
          "ingest #2 (same tree): %,d files in %.1f s; %d new, %d unchanged%n",
          second.seen(), s2, second.added(), second.unchanged());

      long have = db.jdbc().queryLong("SELECT count(*) FROM files");
      long t3 = System.nanoTime();
      db.jdbc()
          .update(
              "INSERT INTO files (origin, publisher, file_name, source_uri, size_bytes, format,"
                  + " fingerprint, status) SELECT 'bench', 'Bulk' || (g % 50), 'f' || g || '.pdf',"
                  + " 'file:///bench/' || g, 1000, 'pdf', 'x', (ARRAY['pending','processing',"
                  + "'completed','failed'])[1 + g % 4] FROM generate_series(1, ?) g",
              Math.max(0, rows - have));
      db.jdbc().update("ANALYZE files");
      System.out.printf(
          "registry grown to %,d rows in %.1f s (counters kept by the statement triggers)%n",
          db.jdbc().queryLong("SELECT count(*) FROM files"), secs(t3));
      double[] ms = new double[50];
      for (int i = 0; i < 5; i++) store.files().stats();
      for (int i = 0; i < ms.length; i++) {
        long t = System.nanoTime();
        store.files().stats();
        ms[i] = (System.nanoTime() - t) / 1e6;
      }
      Arrays.sort(ms);
      System.out.printf(
          "files stats at %,d rows: p50 %.2f ms, p95 %.2f ms, max %.2f ms (50 reads)%n",
          db.jdbc().queryLong("SELECT count(*) FROM files"), ms[25], ms[47], ms[49]);
      long t4 = System.nanoTime();
      List<String> naive = new ArrayList<>();
      db.jdbc()
          .query(
              "SELECT publisher, status, count(*) FROM files GROUP BY 1, 2",
              rs -> naive.add(rs.getString(1)));
      System.out.printf(
          "for comparison, SELECT publisher, status, count(*) FROM files GROUP BY 1, 2: %.0f ms%n",
          (System.nanoTime() - t4) / 1e6);
    } finally {
      temporal.close();
    }
  }

  private static double secs(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
