package io.ocrbatch.activities.dropfolder;

import io.ocrbatch.activities.intake.JobInputs;
import io.ocrbatch.activities.statusdb.FileRegistry;
import io.ocrbatch.activities.statusdb.FileRow;
import io.ocrbatch.activities.statusdb.FoundFile;
import io.ocrbatch.activities.statusdb.NewJob;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.storage.Storage;
import io.ocrbatch.workflows.JobOutcome;
import io.ocrbatch.workflows.JobSpec;
import io.ocrbatch.workflows.JobTypeSpec;
import io.ocrbatch.workflows.Outcome;
import io.ocrbatch.workflows.RetrySettings;
import io.ocrbatch.workflows.VolumeRef;
import io.ocrbatch.workflows.watch.Discovery;
import io.ocrbatch.workflows.watch.FileWork;
import io.ocrbatch.workflows.watch.WatchActivities;
import io.ocrbatch.workflows.watch.WatchSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A watch run's activities over the registry, the drop folder's storage and the status store. */
public final class WatchActivitiesImpl implements WatchActivities {
  private static final Logger log = LoggerFactory.getLogger(WatchActivitiesImpl.class);
  private static final int REGISTER_BATCH = 1000;

  private final StatusStore store;
  private final Storage storage;
  private final RetrySettings retry;

  public WatchActivitiesImpl(StatusStore store, Storage storage, RetrySettings retry) {
    this.store = store;
    this.storage = storage;
    this.retry = retry;
  }

  @Override
  public Discovery discover(WatchSpec spec) {
    List<FoundFile> found = new DropFolderScanner(storage).scan(spec);
    FileRegistry files = store.files();
    int added = 0, changed = 0, skipped = 0, unchanged = 0;
    for (int from = 0; from < found.size(); from += REGISTER_BATCH) {
      FileRegistry.Registered r =
          files.register(
              spec.origin(),
              spec.maxRetries(),
              found.subList(from, Math.min(found.size(), from + REGISTER_BATCH)));
      added += r.added();
      changed += r.changed();
      skipped += r.skipped();
      unchanged += r.unchanged();
    }
    Discovery discovery = new Discovery(added, changed, skipped, unchanged);
    log.info("Watch {}: {}", spec.name(), discovery);
    return discovery;
  }

  @Override
  public List<FileWork> claim(WatchSpec spec, int limit) {
    JobTypeSpec type = JobInputs.jobType(store, spec.jobType());
    // a file still processing after twice its timeout lost its run (a watch terminated mid-run)
    Duration stale = Duration.ofSeconds(spec.timeoutPerFileSeconds() * 2 + 300);
    List<FileWork> work = new ArrayList<>();
    for (FileRow file : store.files().claim(spec.origin(), limit, stale)) {
      String key = "watch-" + spec.name() + "-f" + file.id() + "-" + file.attempts();
      String staging =
          ResultPlacement.stagingRoot(spec.root(), file.publisher(), spec.outputFolder());
      String volumeId = volumeId(file);
      long jobId =
          store
              .jobs()
              .create(
                  new NewJob(
                      key,
                      type.id(),
                      staging,
                      1,
                      spec.dpi(),
                      JobInputs.PAGES_PER_CHUNK,
                      retry.maxTaskAttempts(),
                      List.of(new VolumeRef(volumeId, file.sourceUri())),
                      file.priority(),
                      null,
                      true, // redo: a failed attempt's results (and marker) must not count
                      false))
              .job()
              .id();
      store.files().assignJob(file.id(), jobId);
      JobSpec job =
          new JobSpec(
              jobId,
              key,
              type,
              staging,
              1,
              spec.dpi(),
              JobInputs.PAGES_PER_CHUNK,
              retry,
              0,
              false,
              null); // the operator's own drop folder: not confined
      work.add(
          new FileWork(
              file.id(),
              file.publisher(),
              file.fileName(),
              file.sourceUri(),
              file.priority(),
              job));
    }
    return work;
  }

  /** The file's result folder name in staging: its name, made folder-safe, and its id. */
  private static String volumeId(FileRow file) {
    return volumeId(file.fileName(), file.id());
  }

  private static String volumeId(String fileName, long fileId) {
    String stem = ResultPlacement.stem(fileName);
    String clean = stem.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "_");
    return clean + "-" + fileId;
  }

  @Override
  public boolean finish(WatchSpec spec, FileWork file, JobOutcome outcome, String error) {
    String problem = error != null ? error : problem(file, outcome);
    if (problem == null) {
      try {
        String output =
            new ResultPlacement(storage)
                .place(
                    storage
                        .results(file.job().outputRoot())
                        .child(file.job().jobType().name())
                        .child(volumeIdOf(file)),
                    ResultPlacement.outputFolder(
                        spec.root(), file.publisher(), spec.outputFolder()),
                    file.fileName());
        store.files().completed(file.fileId(), output);
        log.info(
            "Watch {}: {}/{} done → {}", spec.name(), file.publisher(), file.fileName(), output);
        return true;
      } catch (IOException e) {
        throw new UncheckedIOException(e); // retried by Temporal
      }
    }
    store.files().failed(file.fileId(), problem);
    log.warn("Watch {}: {}/{} failed: {}", spec.name(), file.publisher(), file.fileName(), problem);
    return false;
  }

  private static String volumeIdOf(FileWork file) {
    return volumeId(file.fileName(), file.fileId());
  }

  /** Why a finished job does not count as the file done, or null when it does. */
  private String problem(FileWork file, JobOutcome outcome) {
    if (outcome.outcome() == Outcome.COMPLETED && outcome.volumesDone() == 1) return null;
    String detail = store.files().jobError(file.job().jobId());
    return "job "
        + file.job().jobKey()
        + " ended "
        + outcome.outcome().words()
        + " ("
        + outcome.pagesOk()
        + " page(s) ok, "
        + outcome.pagesFailed()
        + " failed)"
        + (detail != null ? ": " + detail : "");
  }
}
