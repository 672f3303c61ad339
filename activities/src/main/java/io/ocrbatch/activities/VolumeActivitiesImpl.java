package io.ocrbatch.activities;

import com.fasterxml.jackson.core.type.TypeReference;
import io.ocrbatch.activities.engines.OcrEngines;
import io.ocrbatch.activities.files.Json;
import io.ocrbatch.activities.metrics.OcrMetrics;
import io.ocrbatch.activities.output.PageOutputs;
import io.ocrbatch.activities.output.VolumeOutputs;
import io.ocrbatch.activities.output.format.PageWriters;
import io.ocrbatch.activities.output.pdf.VolumePdf;
import io.ocrbatch.activities.statusdb.PageRowStore.PageMetric;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.storage.FolderRoots;
import io.ocrbatch.activities.storage.ResultFolder;
import io.ocrbatch.activities.storage.S3SetupProblems;
import io.ocrbatch.activities.storage.Storage;
import io.ocrbatch.activities.storage.VolumeProblem;
import io.ocrbatch.activities.storage.VolumeSource;
import io.ocrbatch.workflows.ChunkResult;
import io.ocrbatch.workflows.FailureTypes;
import io.ocrbatch.workflows.JobTypeSpec;
import io.ocrbatch.workflows.VolumeActivities;
import io.ocrbatch.workflows.VolumeListing;
import io.ocrbatch.workflows.VolumeResult;
import io.ocrbatch.workflows.VolumeTask;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

public class VolumeActivitiesImpl implements VolumeActivities {
  private final Storage storage;
  private final StatusStore store;
  private final OcrMetrics meters;
  private final OutputHold hold;

  public VolumeActivitiesImpl(Storage storage, StatusStore store) {
    this(storage, store, OcrMetrics.none());
  }

  public VolumeActivitiesImpl(Storage storage, StatusStore store, OcrMetrics meters) {
    this(storage, store, meters, "worker");
  }

  /**
   * @param workerName named in the worker's health lines about output storage
   */
  public VolumeActivitiesImpl(
      Storage storage, StatusStore store, OcrMetrics meters, String workerName) {
    this.storage = storage;
    this.store = store;
    this.meters = meters;
    this.hold =
        store == null
            ? null
            : new OutputHold(store.tasks(), workerName, OutputHold.DEFAULT_MAX_HOLD);
  }

  @Override
  public VolumeListing listPages(VolumeTask task) {
    VolumeSource source = open(storage, task);
    try {
      VolumeSource.Contents contents = source.list();
      ResultFolder folder = resultFolder(task, contents.resultFolderName());
      Instant redoBefore = store.jobs().redoResultsBefore(task.jobId()).orElse(null);
      boolean done =
          new VolumeOutputs(folder)
              .isComplete(
                  contents.version(),
                  task.jobType().name(),
                  task.jobType().outputFormats(),
                  redoBefore);
      return new VolumeListing(
          task.volume().volumeId(),
          contents.version(),
          folder.location(),
          contents.pages(),
          done,
          contents.manifestEtag());
    } catch (VolumeProblem e) {
      throw notProcessable(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list volume " + source.describe(), e); // retryable
    } catch (RuntimeException e) {
      var setup =
          S3SetupProblems.describe(
              e, storage.settings(), task.volume().sourceUri(), task.outputRoot());
      if (setup.isPresent())
        throw notProcessable(setup.get()); // no credentials, access denied: not retried
      throw e;
    }
  }

  @Override
  public VolumeListing startVolume(VolumeTask task, int attempt, int maxAttempts) {
    store.tasks().started(task.taskId(), attempt, maxAttempts);
    VolumeListing listing = listPages(task);
    store.tasks().listed(task.taskId(), listing);
    return listing;
  }

  @Override
  public void finishVolume(
      VolumeTask task, VolumeListing listing, VolumeResult result, int attempt) {
    if (!listing.alreadyDone()) writeManifest(task, listing, result.pageCounts());
    store.tasks().finished(result, attempt);
    meters.volumeFinished(result.status().name().toLowerCase(Locale.ROOT));
  }

  /** The volume's source; a terminal failure when its URI makes no sense. */
  static VolumeSource open(Storage storage, VolumeTask task) {
    try {
      return storage.source(
          task.volume().sourceUri(), task.volume().volumeId(), FolderRoots.inputsOf(task.roots()));
    } catch (VolumeProblem e) {
      throw notProcessable(e.getMessage());
    }
  }

  private ResultFolder resultFolder(VolumeTask task, String folderName) {
    return results(storage, task, task.outputRoot()).child(task.jobType().name()).child(folderName);
  }

  /** A result folder of the task's, written only under its output roots. */
  static ResultFolder results(Storage storage, VolumeTask task, String location) {
    return storage.results(location, FolderRoots.outputsOf(task.roots()));
  }

  static ApplicationFailure notProcessable(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, FailureTypes.VOLUME_NOT_PROCESSABLE);
  }

  @Override
  public void writeManifest(VolumeTask task, VolumeListing listing, ChunkResult counts) {
    List<PageMetric> pages = store.pageRows().pages(task.taskId());
    JobTypeSpec type = task.jobType();
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("volume", listing.volumeId());
    manifest.put("version", listing.version());
    manifest.put("source", task.volume().sourceUri());
    if (listing.manifestEtag() != null) manifest.put("manifest_etag", listing.manifestEtag());
    manifest.put("job_key", task.jobKey());
    manifest.putAll(provenance(task));
    manifest.put("total_pages", listing.pages().size());
    manifest.put("successful_pages", counts.succeeded());
    manifest.put("failed_pages", counts.failed());
    manifest.put("total_duration_ms", pages.stream().mapToLong(PageMetric::durationMs).sum());
    List<String> formats = type.outputFormats();
    boolean pdf = formats.contains(PageWriters.PDF);
    String pdfName = VolumePdf.fileName(lastSegment(listing.outputDir()));
    if (pdf) manifest.put("pdf", pdfName);
    manifest.put("pages", pages.stream().map(p -> pageEntry(p, formats)).toList());
    manifest.put("written_at", Instant.now().toString());
    Map<String, Object> success = new LinkedHashMap<>();
    success.put("volume", listing.volumeId());
    success.put("version", listing.version());
    success.put("job_type", type.name());
    success.put("job_key", task.jobKey());
    success.put("total_pages", listing.pages().size());
    success.put("failed_pages", counts.failed());
    success.put("output_formats", formats);
    success.put("finished_at", Instant.now().toString());
    ResultFolder folder = results(storage, task, listing.outputDir());
    OutputHold.Write write =
        () -> {
          if (pdf) writePdf(task, listing, folder, pdfName);
          new VolumeOutputs(folder).writeAll(manifest, config(task, listing), success);
        };
    Runnable heartbeat = heartbeat();
    try {
      if (hold == null) write.run();
      else if (!hold.write(
          task.taskId(),
          task.outputRoot(),
          listing.outputDir(),
          write,
          () -> { // asked before each wait: the place to heartbeat too
            heartbeat.run();
            return store.jobs().cancelRequested(task.jobId());
          })) {
        throw ApplicationFailure.newNonRetryableFailure(
            "the job was canceled while output " + listing.outputDir() + " refused writes",
            FailureTypes.OUTPUT_UNWRITABLE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the manifest of volume '" + listing.volumeId() + "'", e);
    } catch (VolumeProblem e) {
      throw notProcessable(e.getMessage());
    }
  }

  /** The volume's searchable PDF, before its success marker (which says every format is there). */
  private void writePdf(VolumeTask task, VolumeListing listing, ResultFolder folder, String name)
      throws IOException {
    var provenance = TaskProvenance.of(task, OcrEngines.describe(task.jobType()), null);
    VolumePdf.write(
        open(storage, task),
        folder,
        name,
        listing.pages(),
        task.dpi(),
        new VolumePdf.Info(
            listing.volumeId(),
            "ocrbatch " + provenance.ocrbatchVersion() + " (Apache PDFBox)",
            provenance.engineVersion()),
        heartbeat());
  }

  /** Heartbeats the running activity; nothing outside one (tests calling writeManifest). */
  private static Runnable heartbeat() {
    try {
      ActivityExecutionContext context = Activity.getExecutionContext();
      return () -> context.heartbeat(null);
    } catch (IllegalStateException e) {
      return () -> {};
    }
  }

  private static String lastSegment(String location) {
    String trimmed = location.replaceAll("/+$", "");
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  /** Provenance: what produced these results. */
  private static Map<String, Object> config(VolumeTask task, VolumeListing listing) {
    JobTypeSpec type = task.jobType();
    Map<String, Object> config = new LinkedHashMap<>();
    config.putAll(provenance(task));
    config.put("line_mode", type.lineMode());
    config.put("output_formats", type.outputFormats());
    config.put("source", task.volume().sourceUri());
    config.put("volume_version", listing.version());
    return config;
  }

  /**
   * The task's {@link io.ocrbatch.activities.page.Provenance}, as in its pages' JSON: job type,
   * engine id and version (described without loading the engine: this is the I/O worker), model,
   * language, encoding, dpi, ocrbatch version.
   */
  private static Map<String, Object> provenance(VolumeTask task) {
    var provenance = TaskProvenance.of(task, OcrEngines.describe(task.jobType()), null);
    return Json.MAPPER.convertValue(
        provenance.toJson(), new TypeReference<LinkedHashMap<String, Object>>() {});
  }

  private static Map<String, Object> pageEntry(PageMetric page, List<String> formats) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("image", page.imageName());
    if (page.ok()) entry.put("files", PageOutputs.fileNames(page.imageName(), formats));
    entry.put("status", page.ok() ? "ok" : "failed");
    entry.put("duration_ms", page.durationMs());
    entry.put("lines", page.linesDetected());
    entry.put("confidence", page.confidence());
    if (page.imageEtag() != null) entry.put("image_etag", page.imageEtag());
    if (page.error() != null) entry.put("error", page.error());
    return entry;
  }
}
