package io.ocrbatch.cli;

import io.ocrbatch.activities.dropfolder.BulkIngest;
import io.ocrbatch.activities.fault.BadInputException;
import io.ocrbatch.activities.fault.ExitCode;
import io.ocrbatch.activities.intake.Intake;
import io.ocrbatch.activities.intake.JobInputs;
import io.ocrbatch.activities.intake.JobLauncher;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.storage.S3Location;
import io.ocrbatch.worker.OcrWorker;
import io.ocrbatch.worker.WorkerSettings;
import io.ocrbatch.workflows.RetrySettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Bulk ingest of a tree of scans into the registry and the rolling intake jobs of a dev/server, or,
 * when no Temporal runs on this machine, of the embedded stack in this process (as {@code ocr} and
 * {@code watch} do).
 */
@Command(
    name = "ingest",
    description = {
      "Register every file of a tree (100,000+ is fine) and submit the new and changed ones to",
      "the running dev/server's workers: small files first (priority 1 ≤1 MB, 2 ≤5 MB, 3 ≤10 MB,",
      "4 ≤50 MB, 5 larger). Running it again adds only new or changed files.",
      "When nothing answers at --temporal on this machine (no `dev` running), ingest runs Temporal and",
      "a worker in this process and exits once the files are done (exit 0; 3 when some failed);",
      "Ctrl-C stops it, and running it again goes on."
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

  @Mixin EngineOptions engine;

  @Mixin StackOptions stack;

  @Override
  public Integer call() throws Exception {
    if (batchSize < 1 || batchSize > 100_000)
      throw new BadInputException("--batch-size must be 1..100000");
    if (maxIo < 1 || maxIo > 1000) throw new BadInputException("--max-io must be 1..1000");
    String temporal = stack.temporalTarget();
    if (Stack.onThisMachine(temporal) && !Stack.listening(temporal)) return embedded(temporal);
    try (Stack parts = Stack.forClient(stack)) {
      return ingest(parts, monitor, () -> false);
    }
  }

  /** The embedded stack in this process, as `ocr` runs it; follows the files until done. */
  private int embedded(String temporalTarget) throws Exception {
    System.err.printf(
        "Nothing answers at %s (no `dev` running): running Temporal and a worker in this process;"
            + " ingest exits when the files are done (Ctrl-C stops; run it again to go on).%n",
        temporalTarget);
    try (ShutdownSignal signal = new ShutdownSignal();
        Stack parts = new Stack(stack);
        EmbeddedTemporal temporal = EmbeddedTemporal.start(0)) {
      JobInputs.jobType(parts.store(), type); // an unknown job type stops here, listing them
      parts.useTemporal(temporal.stubs());
      WorkerSettings settings =
          engine.apply(
              WorkerSettings.defaults("ingest-" + ProcessHandle.current().pid())
                  .withEmbeddedService());
      try (OcrWorker worker = new OcrWorker(parts.client(), parts.store(), settings).start()) {
        parts.jobs().reconcile(); // the intake jobs of an ingest stopped before go on
        int exit = ingest(parts, true, signal::signalled);
        if (signal.signalled()) {
          System.err.printf(
              "%nInterrupted: letting pages in flight finish. Run the same command to go on.%n");
          return ExitCode.INTERRUPTED.code();
        }
        return exit;
      }
    }
  }

  private int ingest(Stack parts, boolean follow, BooleanSupplier stop) throws Exception {
    PrintStream err = System.err;
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
    if (!follow) return ExitCode.OK.code();
    return IngestMonitor.follow(store, done.origin(), err, stop);
  }

  /** Polls the registry's counts for the ingested tree until nothing is pending or processing. */
  static final class IngestMonitor {
    static int follow(StatusStore store, String origin, PrintStream err, BooleanSupplier stop)
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
        for (int i = 0; i < 20 && !stop.getAsBoolean(); i++) Thread.sleep(100);
        if (stop.getAsBoolean()) return ExitCode.INTERRUPTED.code();
      }
    }

    private static String eta(double hours) {
      long minutes = Math.round(hours * 60);
      return minutes < 60 ? minutes + " min" : (minutes / 60) + " h " + (minutes % 60) + " min";
    }
  }
}
