package io.ocrbatch.activities;

import io.ocrbatch.activities.engines.OcrEngines;
import io.ocrbatch.activities.image.BadImageException;
import io.ocrbatch.activities.image.ImageDecoder;
import io.ocrbatch.activities.image.ImageResolution;
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
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
  private final CancelFlags cancelFlags;
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
    this.cancelFlags = new CancelFlags(jobs);
    this.workerName = workerName;
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
    int resumeAt = context.getHeartbeatDetails(Integer.class).map(i -> i + 1).orElse(0);
    long jobId = chunk.task().jobId();
    VolumeSource source = VolumeActivitiesImpl.open(storage, chunk.task());
    ResultFolder folder = VolumeActivitiesImpl.results(storage, chunk.task(), chunk.outputDir());
    Instant redoBefore = jobs.redoResultsBefore(jobId).orElse(null);
    List<String> pages = chunk.pages();
    List<String> formats = chunk.task().jobType().outputFormats();
    Map<String, Instant> existing =
        existingResults(folder, pages, formats, chunk.task().volume().volumeId());
    List<String> finished =
        pages.stream()
            .filter(p -> new PageOutputs(folder, p, formats).recognised(existing, redoBefore))
            .toList();
    Set<String> unreadable =
        FinishedPageRows.recordMissing(
            metrics, chunk.task().taskId(), folder, finished, workerName);
    ChunkResult result = ChunkResult.EMPTY;
    PageRowBuffer rows = new PageRowBuffer(metrics, chunk.task().taskId(), workerName);
    try (PageFetcher fetcher = new PageFetcher(source, storage.downloads(), meters)) {
      for (int i = 0; i < pages.size(); i++) {
        PageOutputs outputs = new PageOutputs(folder, pages.get(i), formats);
        if (unreadable.contains(pages.get(i))) {
          result = result.plus(new ChunkResult(0, 0, 1));
        } else if (outputs.done(existing, redoBefore)) {
          result = result.plus(new ChunkResult(0, 1, 0));
        } else if (i < resumeAt) {
          result =
              result.plus(new ChunkResult(0, 0, 1)); // an earlier attempt recorded it as failed
        } else if (cancelFlags.requested(jobId)) {
          rows.flush();
          return result.plus(new ChunkResult(0, 0, 0, pages.size() - i)); // job canceled: stop here
        } else if (outputs.recognised(existing, redoBefore)) {
          addMissingFormats(chunk, PageRef.parse(pages.get(i)), outputs, existing, redoBefore);
          result =
              result.plus(
                  new ChunkResult(0, 1, 0)); // OCRed before: only its missing formats are new
        } else {
          String next = nextToFetch(pages, i, folder, formats, existing, redoBefore);
          JobTypeSpec type = chunk.task().jobType();
          try (PageInFlight metered = meters.pageStarted(type.name(), type.engine())) {
            boolean ok = ocrPage(chunk, PageRef.parse(pages.get(i)), next, fetcher, outputs, rows);
            if (ok) metered.succeeded();
            else metered.failed();
            result = result.plus(ok ? new ChunkResult(1, 0, 0) : new ChunkResult(0, 0, 1));
          }
        }
        context.heartbeat(i); // throws when the job is canceled: the finished page stays finished
      }
    }
    rows.flush();
    return result;
  }

  /** The chunk's pages' result files that exist (not the whole folder's: see ResultFolder). */
  private static Map<String, Instant> existingResults(
      ResultFolder folder, List<String> pages, List<String> formats, String volumeId) {
    List<String> names =
        pages.stream().flatMap(p -> PageOutputs.fileNames(p, formats).stream()).toList();
    try {
      return folder.files(names);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot list the results of volume '" + volumeId + "'", e); // retryable
    }
  }

  /**
   * The image file of the next page that still needs OCR, to download ahead (a page that only lacks
   * a format needs no image).
   */
  private static String nextToFetch(
      List<String> pages,
      int i,
      ResultFolder folder,
      List<String> formats,
      Map<String, Instant> existing,
      Instant redoBefore) {
    for (int n = i + 1; n < pages.size(); n++) {
      if (!new PageOutputs(folder, pages.get(n), formats).recognised(existing, redoBefore))
        return PageRef.parse(pages.get(n)).file();
    }
    return null;
  }

  private boolean ocrPage(
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
      outputs.write(new PageResult(text, provenance, millis, gray));
      // The row goes in the next batch: if it is never written (the database or the worker went
      // away), the retry records it from the result (FinishedPageRows) without OCRing the page.
      rows.add(
          new PageMetric(
              page.name(), true, millis, text.lines().size(), text.meanConfidence(), null, etag));
      return true;
    } catch (BadImageException e) {
      log.info("Page failed: {}", e.getMessage());
      rows.add(
          new PageMetric(page.name(), false, millisSince(started), 0, null, e.getMessage(), etag));
      return false;
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
  private void addMissingFormats(
      PageChunk chunk,
      PageRef page,
      PageOutputs outputs,
      Map<String, Instant> existing,
      Instant redoBefore) {
    try {
      PageJson.Document doc =
          outputs.document().orElseThrow(() -> new IOException("its JSON went away"));
      outputs.write(
          new PageResult(doc.page(), doc.provenance(), doc.durationMs(), null),
          outputs.missing(existing, redoBefore));
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
