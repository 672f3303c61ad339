package io.ocrbatch.activities.registry;

import java.time.Instant;
import java.util.Map;

/**
 * One step of a pipeline job as recorded: its status and time, the volumes it covered, its config
 * and free-form metadata, and the pipeline job it built on ({@code sourceJob}, may be null).
 */
public record StepRecord(
    String jobId,
    String step,
    StepStatus status,
    Instant timestamp,
    String sourceJob,
    Coverage volumes,
    Map<String, Object> config,
    Map<String, Object> metadata) {

  public StepRecord {
    PipelineNames.checkJobId(jobId);
    PipelineNames.checkStep(step);
    if (sourceJob != null) PipelineNames.checkJobId(sourceJob);
    if (timestamp == null) timestamp = Instant.now();
    if (volumes == null) volumes = Coverage.NONE;
    config = config == null ? Map.of() : config;
    metadata = metadata == null ? Map.of() : metadata;
  }
}
