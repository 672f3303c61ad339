package io.ocrbatch.activities;

import io.ocrbatch.activities.engines.OcrEngines;
import io.ocrbatch.activities.image.BadImageException;
import io.ocrbatch.activities.image.ImageDecoder;
import io.ocrbatch.activities.image.ImageResolution;
import io.ocrbatch.activities.image.ImageUnavailableException;
import io.ocrbatch.activities.image.PageRef;
import io.ocrbatch.activities.metrics.OcrMetrics;
import io.ocrbatch.activities.metrics.PageInFlight;
import io.ocrbatch.activities.ocr.EngineUnavailableException;
import io.ocrbatch.activities.ocr.OcrEngine;
import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.ocr.neural.GpuFailureException;
import io.ocrbatch.activities.output.PageOutputs;
import io.ocrbatch.activities.output.format.PageResult;
import io.ocrbatch.activities.page.PageJson;
import io.ocrbatch.activities.page.Provenance;
import io.ocrbatch.activities.statusdb.JobStore;
import io.ocrbatch.activities.statusdb.PageRowStore;
import io.ocrbatch.activities.statusdb.PageRowStore.PageMetric;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.storage.PageFile;
import io.ocrbatch.activities.storage.ResultFolder;
import io.ocrbatch.activities.storage.Storage;
import io.ocrbatch.activities.storage.VolumeProblem;
import io.ocrbatch.activities.storage.VolumeSource;
import io.ocrbatch.workflows.ChunkResult;
import io.ocrbatch.workflows.FailureTypes;
import io.ocrbatch.workflows.JobTypeSpec;
import io.ocrbatch.workflows.OcrActivities;
import io.ocrbatch.workflows.PageChunk;
import io.ocrbatch.workflows.VolumeTask;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class OcrActivitiesImpl implements OcrActivities {
  private static final Logger log = LoggerFactory.getLogger(OcrActivitiesImpl.class);

  private final OcrEngines engines;
  private final ImageDecoder decoder;
  private final Storage storage;
  private final PageRowStore metrics;
  private final JobStore jobs;
  private final JobFlags flags;
  private final OutputHold hold;
  private final String workerName;
  private final OcrMetrics meters;
  private final ThreadLocal<ProvenanceOfTask> taskProvenance = new ThreadLocal<>();

  public OcrActivitiesImpl(
      OcrEngines engines,
      ImageDecoder decoder,
      Storage storage,
      StatusStore store,
      String workerName) {
    this(engines, decoder, storage, store, workerName, OcrMetrics.none());
  }

  public OcrActivitiesImpl(
      OcrEngines engines,
      ImageDecoder decoder,
      Storage storage,
      StatusStore store,
      String workerName,
      OcrMetrics meters) {
    this.meters = meters;
    this.engines = engines;
    this.decoder = decoder;
    this.storage = storage;
    this.metrics = store.pageRows();
    this.jobs = store.jobs();
    this.flags = new JobFlags(jobs);
    this.workerName = workerName;
    this.hold = new OutputHold(store.tasks(), workerName, OutputHold.DEFAULT_MAX_HOLD);
  }

  @Override
  public ChunkResult ocrChunk(PageChunk chunk) {
    try {
      return ocrPages(chunk);
    } catch (VolumeProblem e) { // its result folder leads outside the output roots, say
      throw VolumeActivitiesImpl.notProcessable(e.getMessage());
    }
  }

  private ChunkResult ocrPages(PageChunk chunk) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    // Heartbeat details: the index (in this chunk) of the last page finished by an earlier attempt.
    int lastFinished = context.getHeartbeatDetails(Integer.class).orElse(-1);
    long taskId = chunk.task().taskId();
    VolumeSource source = VolumeActivitiesImpl.open(storage, chunk.task());
    ResultFolder folder = VolumeActivitiesImpl.results(storage, chunk.task(), chunk.outputDir());
    Instant redoBefore = jobs.redoResultsBefore(chunk.task().jobId()).orElse(null);
    List<String> pages = chunk.pages();
    ChunkOutputs outputs =
        new ChunkOutputs(
            folder,
            chunk.task().volume().volumeId(),
            pages,
            chunk.task().jobType().outputFormats(),
            redoBefore);
    Set<String> unreadable = // results a store changed: failed, naming the file
        FinishedPageRows.recordMissing(
            metrics, taskId, folder, outputs.recognisedPages(), workerName);
    // pages this task found undecodable or over the limits before (an earlier attempt): not redone
    Set<String> failedForGood = metrics.failedForGood(taskId, pages);
    ChunkResult result = ChunkResult.EMPTY;
    PageRowBuffer rows = new PageRowBuffer(metrics, taskId, workerName);
    try (ChunkHeartbeats heartbeats = new ChunkHeartbeats(context, lastFinished);
        PageFetcher fetcher = new PageFetcher(source, storage.downloads(), meters)) {
      for (int i = 0; i < pages.size(); i++) {
        heartbeats.check();
        ChunkResult page =
            unreadable.contains(pages.get(i))
                    || failedForGood.contains(pages.get(i)) && !outputs.done(i)
                ? ChunkResult.FAILED
                : page(chunk, i, outputs, fetcher, rows);
        if (page.interrupted() > 0 || page.paused() > 0) { // the job was canceled or paused: stop
          rows.flush();
          int left = pages.size() - i;
          return result.plus(
              page.interrupted() > 0 ? ChunkResult.canceled(left) : ChunkResult.paused(left));
        }
        result = result.plus(page);
        heartbeats.finished(i); // throws when Temporal gave the chunk to another worker
      }
    }
    rows.flush();
    return result;
  }

  /** Page {@code i} of the chunk, unless the job asks its pages to stop. */
  private ChunkResult page(
      PageChunk chunk, int i, ChunkOutputs outputs, PageFetcher fetcher, PageRowBuffer rows) {
    if (outputs.done(i)) return ChunkResult.SKIPPED;
    JobFlags.Stop stop = flags.stop(chunk.task().jobId());
    if (stop == JobFlags.Stop.CANCELED) return ChunkResult.canceled(1);
    if (stop == JobFlags.Stop.PAUSED && chunk.pagesStop()) return ChunkResult.paused(1);
    PageRef page = PageRef.parse(chunk.pages().get(i));
    if (outputs.recognised(i)) return addMissingFormats(chunk, page, outputs, i);
    JobTypeSpec type = chunk.task().jobType();
    try (PageInFlight metered = meters.pageStarted(type.name(), type.engine())) {
      ChunkResult result =
          ocrPage(chunk, page, outputs.nextToFetch(i), fetcher, outputs.of(i), rows);
      if (result.ocred() > 0) metered.succeeded();
      else if (result.interrupted() == 0) metered.failed(); // canceled while held: not a page
      return result;
    }
  }

  /**
   * One page: {@link ChunkResult#OCRED}, {@link ChunkResult#FAILED} (its image's fault), {@link
   * ChunkResult#MISSING} (its image could not be had), or canceled while its output was held.
   */
  private ChunkResult ocrPage(
      PageChunk chunk,
      PageRef page,
      String nextFile,
      PageFetcher fetcher,
      PageOutputs outputs,
      PageRowBuffer rows) {
    long started = System.nanoTime();
    JobTypeSpec type = chunk.task().jobType();
    String etag = null;
    try {
      OcrEngine engine = engines.engineFor(type);
      PageFile file = fetcher.get(page.file(), nextFile);
      etag = file.etag();
      int dpi = ImageResolution.resolve(chunk.task().dpi(), file.path(), page.imageIndex());
      BufferedImage gray = decoder.decodeGray(file.path(), page.imageIndex(), dpi, page.file());
      PageText text = engines.encode(engine.recognize(gray, dpi), type);
      long millis = millisSince(started);
      Provenance provenance = provenance(chunk).forImage(page.name(), etag).withDpi(dpi);
      List<ResultFolder.Output> files =
          outputs.render(new PageResult(text, provenance, millis, gray));
      if (!writeHeld(chunk, () -> outputs.write(files))) return ChunkResult.canceled(1);
      // The row goes in the next batch: if it is never written (the database or the worker went
      // away), the retry records it from the result (FinishedPageRows) without OCRing the page.
      rows.add(
          new PageMetric(
              page.name(), true, millis, text.lines().size(), text.meanConfidence(), null, etag));
      return ChunkResult.OCRED;
    } catch (ImageUnavailableException e) {
      log.info("Page not read, to be tried again: {}", e.getMessage());
      rows.add(
          new PageMetric(
              page.name(), false, millisSince(started), 0, null, e.getMessage(), etag, true));
      // a volume of histories recorded before counts it failed, as it did then
      return chunk.pagesStop() ? ChunkResult.MISSING : ChunkResult.FAILED;
    } catch (BadImageException e) {
      log.info("Page failed: {}", e.getMessage());
      rows.add(
          new PageMetric(page.name(), false, millisSince(started), 0, null, e.getMessage(), etag));
      return ChunkResult.FAILED;
    } catch (EngineUnavailableException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          e.getMessage(), FailureTypes.ENGINE_UNAVAILABLE);
    } catch (GpuFailureException e) {
      // The page is not at fault: the activity is retried (pages done so far stay done), on this or
      // another worker.
      log.warn(
          "GPU failure on page {} of {}; the page will be retried: {}",
          page.name(),
          chunk.task().volume().volumeId(),
          e.getMessage());
      throw ApplicationFailure.newFailureWithCause(e.getMessage(), FailureTypes.GPU_FAILURE, e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read or write page " + page.name() + " of " + chunk.task().volume().volumeId(),
          e); // retryable
    }
  }

  /** Writes the page's files, holding them while the output refuses writes (see OutputHold). */
  private boolean writeHeld(PageChunk chunk, OutputHold.Write write) throws IOException {
    VolumeTask task = chunk.task();
    return hold.write(
        task.taskId(),
        task.outputRoot(),
        chunk.outputDir(),
        write,
        () -> flags.canceled(task.jobId()));
  }

  private static long millisSince(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  /**
   * The task's provenance, built on its first page that needs an engine (it names the loaded
   * engine's version).
   */
  private Provenance provenance(PageChunk chunk) {
    if (taskProvenance.get() == null || taskProvenance.get().taskId() != chunk.task().taskId()) {
      JobTypeSpec type = chunk.task().jobType();
      taskProvenance.set(
          new ProvenanceOfTask(
              chunk.task().taskId(),
              TaskProvenance.of(chunk.task(), engines.version(type), engines.modelDigest(type))));
    }
    return taskProvenance.get().provenance();
  }

  private record ProvenanceOfTask(long taskId, Provenance provenance) {}

  /**
   * A page OCRed before that lacks a format its job type asks for now: that format only, from the
   * page's JSON alone (no download, no decoding, no OCR).
   */
  private ChunkResult addMissingFormats(
      PageChunk chunk, PageRef page, ChunkOutputs chunkOutputs, int i) {
    PageOutputs outputs = chunkOutputs.of(i);
    try {
      PageJson.Document doc =
          outputs.document().orElseThrow(() -> new IOException("its JSON went away"));
      List<ResultFolder.Output> files =
          outputs.render(
              new PageResult(doc.page(), doc.provenance(), doc.durationMs(), null),
              chunkOutputs.missing(i));
      return writeHeld(chunk, () -> outputs.write(files))
          ? ChunkResult.SKIPPED
          : ChunkResult.canceled(1);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot complete the formats of page "
              + page.name()
              + " of "
              + chunk.task().volume().volumeId(),
          e);
    }
  }
}
