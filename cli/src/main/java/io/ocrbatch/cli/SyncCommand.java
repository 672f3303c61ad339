package io.ocrbatch.cli;

import io.ocrbatch.activities.fault.ExitCode;
import io.ocrbatch.activities.registry.PipelineNames;
import io.ocrbatch.activities.registry.PipelineRegistry;
import io.ocrbatch.activities.registry.SyncStep;
import io.ocrbatch.activities.statusdb.JobRecord;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.storage.Storage;
import io.ocrbatch.activities.sync.ResultSync;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Copies a finished job's results to S3 (or a folder) in BDRC's layout. */
@Command(
    name = "sync",
    description = {
      "Copy a finished job's results to s3://bucket/prefix (or a folder) as {job_type}/{volume}/…,",
      "with each volume's page images under images/ unless --skip-images. Objects already there with the",
      "same content are skipped; each volume's success.json is copied last. Reads the status database",
      "(--db-url or the embedded one under --data). Records the step sync_ocr in the pipeline registry."
    })
final class SyncCommand implements Callable<Integer> {
  @Option(
      names = "--job-key",
      required = true,
      description = "The job's key, or 'latest' for the newest job that has ended.")
  String jobKey;

  @Option(
      names = "--to",
      required = true,
      description = "Destination: s3://bucket/prefix or a folder.")
  String to;

  @Option(names = "--skip-images", description = "Copy OCR results only, not the page images.")
  boolean skipImages;

  @Option(names = "--quiet", description = "No progress bar; only the summary line.")
  boolean quiet;

  @Mixin StackOptions stack;

  @Override
  public Integer call() throws Exception {
    PrintStream err = System.err;
    try (Stack parts = Stack.forClient(stack)) {
      Storage storage = parts.storage();
      StatusStore store = parts.store();
      JobRecord job = find(store);
      if (!job.status().finished() && !job.intake()) {
        err.printf(
            "Job %s is %s; sync copies the results of jobs that have ended (or the done volumes of intake jobs).%n",
            job.jobKey(), job.status().dbName());
        return ExitCode.COULD_NOT_RUN.code();
      }
      List<ResultSync.Volume> volumes =
          store.tasks().doneOutputs(job.id()).stream()
              .map(t -> new ResultSync.Volume(t.volumeId(), t.sourceUri(), t.outputPrefix()))
              .toList();
      if (volumes.isEmpty()) {
        err.printf("Job %s has no finished volumes to copy.%n", job.jobKey());
        return ExitCode.COULD_NOT_RUN.code();
      }
      ProgressBar bar = new ProgressBar(err, System.console() != null, 0);
      ResultSync.Progress[] last = {new ResultSync.Progress(0, 0, 0, 0, 0)};
      ResultSync.Progress result;
      try {
        result =
            new ResultSync(storage)
                .run(
                    volumes,
                    job.typeName(),
                    to,
                    !skipImages,
                    p -> {
                      last[0] = p;
                      if (!quiet) bar.show(line(p, bar));
                    });
      } catch (java.io.IOException | RuntimeException e) {
        recordStep(parts, job, volumes, last[0], e.getMessage());
        throw e;
      }
      if (!quiet) bar.finish(line(result, bar));
      err.printf(
          "Synced job %s (%d volume(s)) to %s/%s: %d file(s) copied (%s), %d already there.%n",
          job.jobKey(),
          volumes.size(),
          to.replaceAll("/+$", ""),
          job.typeName(),
          result.copied(),
          mib(result.bytesCopied()),
          result.skipped());
      recordStep(parts, job, volumes, result, null);
      err.printf(
          "Recorded step %s of pipeline job %s (bin/ocrbatch pipeline show %s).%n",
          PipelineNames.SYNC_OCR, job.jobKey(), job.jobKey());
      return ExitCode.OK.code();
    }
  }

  private void recordStep(
      Stack parts,
      JobRecord job,
      List<ResultSync.Volume> volumes,
      ResultSync.Progress result,
      String error) {
    SyncStep.record(
        new PipelineRegistry(parts.store().jdbc(), parts.storage()),
        job.jobKey(),
        job.outputRoot(),
        volumes.stream().map(ResultSync.Volume::volumeId).toList(),
        to,
        !skipImages,
        result,
        error);
  }

  private JobRecord find(StatusStore store) {
    if ("latest".equals(jobKey)) {
      return store.jobs().list(List.of("completed", "failed", "canceled"), List.of(), 1).stream()
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no job has ended yet"));
    }
    return store
        .jobs()
        .byKey(jobKey)
        .orElseThrow(() -> new IllegalArgumentException("no job with key '" + jobKey + "'"));
  }

  private static String line(ResultSync.Progress p, ProgressBar bar) {
    double fraction = p.filesTotal() == 0 ? 1 : (double) p.filesDone() / p.filesTotal();
    return String.format(
        "%s %d/%d files %3.0f%%  copied %d (%s)  unchanged %d  elapsed %s",
        ProgressBar.bar(fraction),
        p.filesDone(),
        p.filesTotal(),
        fraction * 100,
        p.copied(),
        mib(p.bytesCopied()),
        p.skipped(),
        ProgressBar.clock(bar.elapsed()));
  }

  private static String mib(long bytes) {
    return String.format("%.1f MiB", bytes / 1048576.0);
  }
}
