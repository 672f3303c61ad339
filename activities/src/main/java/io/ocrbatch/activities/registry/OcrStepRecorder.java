package io.ocrbatch.activities.registry;

import io.ocrbatch.activities.fault.StoreUnavailableException;
import io.ocrbatch.activities.files.Json;
import io.ocrbatch.activities.output.VolumeOutputs;
import io.ocrbatch.activities.statusdb.JobProgressStore.Counts;
import io.ocrbatch.activities.statusdb.JobRecord;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.storage.Storage;
import io.ocrbatch.workflows.JobStatus;
import io.ocrbatch.workflows.JobTypeSpec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OCR job's own step in the registry ({@code ocr}), recorded as the job starts and ends: its
 * config, volumes (from its tasks), pages and engine versions. A registry fault other than the
 * database being away is logged, never a reason for the OCR job to stop.
 */
public final class OcrStepRecorder {
  private static final Logger log = LoggerFactory.getLogger(OcrStepRecorder.class);

  private final StatusStore status;
  private final Storage storage;
  private final PipelineRegistry registry;

  public OcrStepRecorder(StatusStore status, Storage storage) {
    this.status = status;
    this.storage = storage;
    this.registry = new PipelineRegistry(status.jdbc(), storage);
  }

  public void started(long jobRowId) {
    record(jobRowId, false);
  }

  public void finished(long jobRowId) {
    record(jobRowId, true);
  }

  private void record(long jobRowId, boolean ended) {
    try {
      JobRecord job = status.jobs().byId(jobRowId).orElseThrow();
      StepStatus stepStatus =
          !ended
              ? StepStatus.PENDING
              : job.status() == JobStatus.COMPLETED ? StepStatus.COMPLETED : StepStatus.FAILED;
      StepRecord step =
          new StepRecord(
              job.jobKey(),
              PipelineNames.OCR,
              stepStatus,
              Instant.now(),
              registry
                  .queries()
                  .job(job.jobKey())
                  .map(PipelineRows.JobRow::sourceJobId)
                  .orElse(null),
              Coverage.NONE,
              config(job),
              metadata(job, ended));
      registry.store().recordStep(step, job.outputRoot());
      registry.store().coverFromTasks(job.jobKey(), PipelineNames.OCR, jobRowId);
      registry.publish(job.jobKey());
    } catch (StoreUnavailableException e) {
      throw e; // the activity is retried when the database is back
    } catch (RuntimeException e) {
      log.warn("Could not record the ocr step of job {} in the pipeline registry", jobRowId, e);
    }
  }

  private Map<String, Object> config(JobRecord job) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("job_type", job.typeName());
    status
        .jobTypes()
        .byId(job.typeId())
        .ifPresent(
            (JobTypeSpec t) -> {
              config.put("engine", t.engine());
              config.put("model", t.model());
              config.put("language", t.language());
              config.put("encoding", t.encoding());
              config.put("line_mode", t.lineMode());
              config.put("output_formats", t.outputFormats());
            });
    config.put("dpi", job.dpi());
    config.put("concurrency", job.concurrency());
    config.put("max_attempts", job.maxAttempts());
    config.put("force", job.force());
    config.put("output_root", job.outputRoot());
    return config;
  }

  private Map<String, Object> metadata(JobRecord job, boolean ended) {
    Counts c = status.progress().counts(job.id());
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("ocr_job_id", job.id());
    metadata.put("ocr_job_status", job.status().dbName());
    metadata.put(
        "pages",
        Map.of(
            "listed",
            c.pagesListed(),
            "ok",
            c.pagesOk(),
            "failed",
            c.pagesFailed(),
            "skipped",
            c.pagesSkipped()));
    metadata.put("results", job.outputRoot() + "/" + job.typeName());
    if (ended) metadata.put("engine_versions", engineVersions(job));
    return metadata;
  }

  /** What the job's first finished volume says it ran (its config.json provenance). */
  private Map<String, Object> engineVersions(JobRecord job) {
    Map<String, Object> versions = new LinkedHashMap<>();
    List<String> prefixes =
        status.tasks().doneOutputs(job.id()).stream().limit(1).map(t -> t.outputPrefix()).toList();
    for (String prefix : prefixes) {
      try {
        var config = storage.results(prefix).read(VolumeOutputs.CONFIG);
        if (config.isEmpty()) continue;
        var node = Json.MAPPER.readTree(config.get());
        for (String key :
            List.of("engine", "engine_version", "model", "model_digest", "ocrbatch_version")) {
          if (node.hasNonNull(key)) versions.put(key, node.get(key).asText());
        }
      } catch (java.io.IOException e) {
        log.debug("No provenance in {}: {}", prefix, e.getMessage());
      }
    }
    return versions;
  }
}
