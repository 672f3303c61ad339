package io.ocrbatch.activities;

import io.ocrbatch.activities.image.BadImageException;
import io.ocrbatch.activities.image.ImageDecoder;
import io.ocrbatch.activities.image.PageRef;
import io.ocrbatch.activities.ocr.EngineUnavailableException;
import io.ocrbatch.activities.ocr.OcrEngine;
import io.ocrbatch.activities.ocr.OcrEngines;
import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.output.PageOutputs;
import io.ocrbatch.activities.store.JobStore;
import io.ocrbatch.activities.store.MetricsStore;
import io.ocrbatch.activities.store.MetricsStore.PageMetric;
import io.ocrbatch.activities.store.StatusStore;
import io.ocrbatch.workflows.ChunkResult;
import io.ocrbatch.workflows.JobTypeSpec;
import io.ocrbatch.workflows.OcrActivities;
import io.ocrbatch.workflows.PageChunk;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class OcrActivitiesImpl implements OcrActivities {
  private static final Logger log = LoggerFactory.getLogger(OcrActivitiesImpl.class);

  private final OcrEngines engines;
  private final ImageDecoder decoder;
  private final MetricsStore metrics;
  private final JobStore jobs;
  private final String workerName;

  public OcrActivitiesImpl(OcrEngines engines, ImageDecoder decoder, StatusStore store, String workerName) {
    this.engines = engines;
    this.decoder = decoder;
    this.metrics = store.metrics();
    this.jobs = store.jobs();
    this.workerName = workerName;
  }

  @Override
  public ChunkResult ocrChunk(PageChunk chunk) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    // Heartbeat details: the index (in this chunk) of the last page finished by an earlier attempt.
    int resumeAt = context.getHeartbeatDetails(Integer.class).map(i -> i + 1).orElse(0);
    JobTypeSpec type = chunk.task().jobType();
    Path folder = VolumeSources.localFolder(chunk.task().volume().sourceUri());
    Path outputDir = Path.of(chunk.outputDir());
    ChunkResult result = ChunkResult.EMPTY;
    for (int i = 0; i < chunk.pages().size(); i++) {
      String page = chunk.pages().get(i);
      PageOutputs outputs = new PageOutputs(outputDir, page);
      if (outputs.exists()) {
        result = result.plus(new ChunkResult(0, 1, 0));
      } else if (i < resumeAt) {
        result = result.plus(new ChunkResult(0, 0, 1)); // an earlier attempt recorded it as failed
      } else if (jobs.cancelRequested(chunk.task().jobId())) {
        return result.plus(new ChunkResult(0, 0, 0, chunk.pages().size() - i)); // job canceled: stop here
      } else {
        boolean ok = ocrPage(chunk, type, folder, PageRef.parse(page), outputs);
        result = result.plus(ok ? new ChunkResult(1, 0, 0) : new ChunkResult(0, 0, 1));
      }
      context.heartbeat(i); // throws when the job is canceled: the finished page stays finished
    }
    return result;
  }

  private boolean ocrPage(PageChunk chunk, JobTypeSpec type, Path folder, PageRef page, PageOutputs outputs) {
    long started = System.nanoTime();
    String name = page.name();
    Path image = folder.resolve(page.file());
    try {
      OcrEngine engine = engines.engineFor(type);
      BufferedImage gray = decoder.decodeGray(image, page.imageIndex(), chunk.task().dpi());
      PageText text = engines.encode(engine.recognize(gray, chunk.task().dpi()), type);
      outputs.write(text, provenance(chunk, engine), type.outputFormats());
      long ms = (System.nanoTime() - started) / 1_000_000;
      metrics.recordPage(chunk.task().taskId(), new PageMetric(name, true, ms, text.lines().size(), text.meanConfidence(), null), workerName);
      return true;
    } catch (BadImageException e) {
      long ms = (System.nanoTime() - started) / 1_000_000;
      log.info("Page failed: {}", e.getMessage());
      metrics.recordPage(chunk.task().taskId(), new PageMetric(name, false, ms, 0, null, e.getMessage()), workerName);
      return false;
    } catch (EngineUnavailableException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "EngineUnavailable");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the results of " + image, e); // retryable
    }
  }

  private static Map<String, Object> provenance(PageChunk chunk, OcrEngine engine) {
    JobTypeSpec type = chunk.task().jobType();
    return Map.of(
        "job_type", type.name(),
        "engine", engine.version(),
        "language", type.language(),
        "encoding", type.encoding(),
        "dpi", chunk.task().dpi());
  }
}
