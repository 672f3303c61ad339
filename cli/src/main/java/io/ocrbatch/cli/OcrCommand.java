package io.ocrbatch.cli;

import io.ocrbatch.activities.fault.BadInputException;
import io.ocrbatch.activities.fault.ExitCode;
import io.ocrbatch.activities.registry.PipelineRegistry;
import io.ocrbatch.activities.statusdb.JobProgressStore.Counts;
import io.ocrbatch.activities.statusdb.JobRecord;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.api.JobRequest;
import io.ocrbatch.api.JobService;
import io.ocrbatch.api.VolumeResolver;
import io.ocrbatch.worker.OcrWorker;
import io.ocrbatch.worker.WorkerSettings;
import io.ocrbatch.workflows.JobStatus;
import io.ocrbatch.workflows.JobTypeSpec;
import io.ocrbatch.workflows.Outcome;
import io.ocrbatch.workflows.VolumeRef;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The main job: OCR a folder of volumes end to end on the embedded stack, in this process. */
@Command(
    name = "ocr",
    description = {
      "OCR a folder of scans on the embedded stack (Temporal, PostgreSQL and a worker in this process).",
      "Each sub-folder of DIR holding images is a volume; DIR itself is one if it holds images.",
      "DIR and --out may be s3://bucket/prefix (AWS credentials from the default chain; see the README for MinIO/B2).",
      "Exit codes: 0 every page succeeded, 3 some pages or volumes failed, 4 canceled, 1 the job could not run,",
      "130 interrupted (run it again to resume)."
    })
final class OcrCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "DIR",
      description = "Folder or s3:// prefix of volumes (or of page images).")
  String dir;

  @Option(
      names = "--type",
      description = "Job type name or id (default: tesseract-eng).",
      defaultValue = "tesseract-eng")
  String type;

  @Mixin JobOptions options;

  @Mixin EngineOptions engine;

  @Mixin StackOptions stack;

  @Override
  public Integer call() throws Exception {
    PrintStream err = System.err;
    try (ShutdownSignal signal = new ShutdownSignal(); // closed last: Ctrl-C waits for the clean-up
        Stack parts = new Stack(stack)) {
      List<VolumeRef> volumes = new VolumeResolver(parts.storage()).fromFolder(dir, Path.of(""));
      return run(parts, volumes, signal, err);
    }
  }

  private int run(Stack parts, List<VolumeRef> volumes, ShutdownSignal signal, PrintStream err)
      throws Exception {
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(0)) {
      StatusStore store = parts.store();
      parts.useTemporal(temporal.stubs());
      JobService jobs = parts.jobs();
      JobTypeSpec jobType = jobs.jobType(type);
      WorkerSettings settings =
          engine.apply(
              WorkerSettings.defaults("ocr-" + ProcessHandle.current().pid())
                  .withEmbeddedService());
      try (OcrWorker worker = new OcrWorker(parts.client(), store, settings)) {
        err.println(
            "Engine: "
                + worker
                    .engines()
                    .check(jobType)); // fails here, with what to install, if it cannot load
        worker.start();
        JobService.Submitted submitted =
            jobs.submit(
                new JobRequest(
                    jobType.name(),
                    volumes,
                    options.jobKey,
                    options.out,
                    options.concurrency,
                    options.dpi,
                    JobRequest.DEFAULT_PRIORITY,
                    null,
                    options.force));
        JobRecord job = submitted.job();
        if (submitted.existed() && job.status().finished()) {
          err.printf(
              "Job %s already ended (%s); showing its result. To OCR the folder again, give a new --job-key"
                  + " (pages whose outputs exist are still skipped).%n",
              job.jobKey(), job.status().dbName());
        }
        err.printf(
            "%s job %s (id %d): %d volume(s), type %s, results in %s%n",
            !submitted.existed() ? "Started" : job.status().finished() ? "Found" : "Resuming",
            job.jobKey(),
            job.id(),
            volumes.size(),
            jobType.name(),
            job.outputRoot() + "/" + jobType.name());
        if (options.sourceJob != null) linkSource(parts, job, err);
        return watch(store, job, err, signal);
      }
    }
  }

  /** Records the job's source job; a source that cannot be found is said, the OCR runs anyway. */
  private void linkSource(Stack parts, JobRecord job, PrintStream err) {
    try {
      var document =
          new PipelineRegistry(parts.store().jdbc(), parts.storage())
              .linkSource(job.jobKey(), options.sourceJob, job.outputRoot());
      err.printf("Source job: %s%n", document.source().jobId());
    } catch (BadInputException e) {
      err.printf("error: %s (the job runs without a source job)%n", e.getMessage());
    }
  }

  /**
   * Follows the job until it ends, or until Ctrl-C: then pages in flight finish and it says how to
   * resume.
   */
  private int watch(StatusStore store, JobRecord job, PrintStream err, ShutdownSignal signal)
      throws InterruptedException {
    FollowedReads reads = new FollowedReads(err, signal);
    long jobId = job.id();
    Optional<Counts> start = reads.read(() -> store.progress().counts(jobId));
    if (start.isEmpty()) return interrupted(job, err);
    ProgressBar bar = new ProgressBar(err, System.console() != null, start.get().pagesProcessed());
    while (true) {
      Optional<JobRecord> now = reads.read(() -> store.jobs().byId(jobId).orElseThrow());
      if (now.isEmpty()) return interrupted(job, err);
      job = now.get();
      if (job.status().finished()) break;
      if (signal.signalled()) return interrupted(job, err);
      Optional<Counts> counts = reads.read(() -> store.progress().counts(jobId));
      if (counts.isEmpty()) return interrupted(job, err);
      bar.update(counts.get());
      Thread.sleep(500);
    }
    Optional<Counts> end = reads.read(() -> store.progress().counts(jobId));
    if (end.isEmpty()) return interrupted(job, err);
    Counts counts = end.get();
    bar.finish(counts);
    printSummary(store, job, counts, bar.pagesPerSecond(counts), err);
    if (job.status() == JobStatus.CANCELED) return ExitCode.CANCELED.code();
    return counts.pagesFailed() > 0 || job.status() == JobStatus.FAILED
        ? ExitCode.PAGES_FAILED.code()
        : ExitCode.OK.code();
  }

  private static int interrupted(JobRecord job, PrintStream err) {
    err.printf(
        "%nInterrupted: letting pages in flight finish. Finished pages are kept; run the same command"
            + " with --job-key %s to resume.%n",
        job.jobKey());
    return ExitCode.INTERRUPTED.code();
  }

  private static void printSummary(
      StatusStore store, JobRecord job, Counts counts, double rate, PrintStream err) {
    err.printf(
        "Job %s %s: %d/%d volumes done, %d failed; %d pages ok, %d failed%s; %.2f pages/s this run%n",
        job.jobKey(),
        Outcome.ofEnded(job.status(), counts.pagesFailed()).words(),
        counts.done(),
        counts.tasks(),
        counts.terminal(),
        counts.pagesOk(),
        counts.pagesFailed(),
        counts.pagesSkipped() > 0 ? ", " + counts.pagesSkipped() + " skipped (already done)" : "",
        rate);
    store
        .tasks()
        .recentErrors(job.id(), 10)
        .forEach(e -> err.printf("  %s [%s] %s%n", e.volume(), e.status(), e.error()));
  }
}
