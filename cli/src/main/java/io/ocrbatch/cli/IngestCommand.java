package io.ocrbatch.cli;

import io.ocrbatch.activities.dropfolder.BulkIngest;
import io.ocrbatch.activities.fault.BadInputException;
import io.ocrbatch.activities.fault.ExitCode;
import io.ocrbatch.activities.intake.Intake;
import io.ocrbatch.activities.intake.JobInputs;
import io.ocrbatch.activities.intake.JobLauncher;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.storage.S3Location;
import io.ocrbatch.workflows.RetrySettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Bulk ingest of a tree of scans into the registry and the rolling intake jobs of a dev/server. */
@Command(
    name = "ingest",
    description = {
      "Register every file of a tree (100,000+ is fine) and submit the new and changed ones to",
      "the running dev/server's workers: small files first (priority 1 ≤1 MB, 2 ≤5 MB, 3 ≤10 MB,",
      "4 ≤50 MB, 5 larger). Running it again adds only new or changed files."
    })
final class IngestCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "DIR",
      description = "The tree of scans, or an s3://bucket/prefix.")
  String dir;

  @Option(
      names = "--type",
      defaultValue = "tesseract-eng",
      description = "Job type (default: tesseract-eng).")
  String type;

  @Option(
      names = "--out",
      defaultValue = "ocr-results",
      description = "Results folder or s3:// prefix (default: ./ocr-results).")
  String out;

  @Option(
      names = "--batch-size",
      defaultValue = "1000",
      description = "Files registered per statement (default 1000).")
  int batchSize;

  @Option(
      names = "--max-io",
      defaultValue = "50",
      description = "Files read at once when stating and sniffing (default 50).")
  int maxIo;

  @Option(names = "--monitor", description = "Show progress until the ingested files are done.")
  boolean monitor;

  @Mixin StackOptions stack;

  @Override
  public Integer call() throws Exception {
    if (batchSize < 1 || batchSize > 100_000)
      throw new BadInputException("--batch-size must be 1..100000");
    if (maxIo < 1 || maxIo > 1000) throw new BadInputException("--max-io must be 1..1000");
    PrintStream err = System.err;
    try (Stack parts = Stack.forClient(stack)) {
      StatusStore store = parts.store();
      JobInputs.jobType(store, type);
      Intake intake =
          new Intake(store, new JobLauncher(parts.client(), store, RetrySettings.defaults()));
      long started = System.nanoTime();
      BulkIngest.Options options = new BulkIngest.Options(type, out, batchSize, maxIo);
      java.util.function.Consumer<BulkIngest.Progress> progress =
          p -> err.printf("\rRegistered %d file(s)…", p.seen());
      BulkIngest.Progress done =
          S3Location.isS3(dir)
              ? new BulkIngest(store, intake)
                  .ingest(parts.storage().s3(), S3Location.parse(dir), options, progress)
              : new BulkIngest(store, intake).ingest(Path.of(dir), options, progress);
      double seconds = (System.nanoTime() - started) / 1e9;
      err.println();
      System.out.printf(
          "Ingested %s: %d file(s) in %.1f s (%.0f files/s): %d new, %d changed, %d skipped,"
              + " %d unchanged; submitted by priority %s%n",
          dir,
          done.seen(),
          seconds,
          done.seen() / Math.max(seconds, 0.001),
          done.added(),
          done.changed(),
          done.skipped(),
          done.unchanged(),
          done.submittedByPriority());
      if (!monitor) return ExitCode.OK.code();
      return IngestMonitor.follow(store, done.origin(), err);
    }
  }

  /** Polls the registry's counts for the ingested tree until nothing is pending or processing. */
  static final class IngestMonitor {
    static int follow(StatusStore store, String origin, PrintStream err)
        throws InterruptedException {
      long start = System.nanoTime();
      Map<String, Long> first = store.files().countsOf(origin);
      long finishedAtStart = first.get("completed") + first.get("failed");
      while (true) {
        Map<String, Long> c = store.files().countsOf(origin);
        long pending = c.get("pending"), processing = c.get("processing");
        long finished = c.get("completed") + c.get("failed") - finishedAtStart;
        double hours = (System.nanoTime() - start) / 3.6e12;
        double perHour = hours > 0 ? finished / hours : 0;
        long total = pending + processing + c.get("completed") + c.get("failed");
        int width = 30;
        int filled = total == 0 ? width : (int) (width * (total - pending - processing) / total);
        err.printf(
            "\r[%s%s] pending %d, processing %d, done %d, failed %d, %.0f files/h, ETA %s   ",
            "#".repeat(filled),
            ".".repeat(width - filled),
            pending,
            processing,
            c.get("completed"),
            c.get("failed"),
            perHour,
            perHour > 0 ? eta((pending + processing) / perHour) : "—");
        if (pending + processing == 0) {
          err.println();
          return c.get("failed") == 0 ? ExitCode.OK.code() : ExitCode.PAGES_FAILED.code();
        }
        Thread.sleep(2000);
      }
    }

    private static String eta(double hours) {
      long minutes = Math.round(hours * 60);
      return minutes < 60 ? minutes + " min" : (minutes / 60) + " h " + (minutes % 60) + " min";
    }
  }
}
