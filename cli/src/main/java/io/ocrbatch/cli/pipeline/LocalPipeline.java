package io.ocrbatch.cli.pipeline;

import io.ocrbatch.activities.registry.PipelineRegistry;
import io.ocrbatch.activities.registry.PipelineRows.JobSummary;
import io.ocrbatch.activities.registry.PipelineRows.VolumeHit;
import io.ocrbatch.activities.registry.RegistryDocument;
import io.ocrbatch.activities.registry.StepInput;
import java.util.List;

/** The registry in the status database (with its files next to the results). */
public final class LocalPipeline implements PipelineClient {
  private final PipelineRegistry registry;
  private final AutoCloseable resources;

  /** {@code resources}: closed with this client (the database connection, storage). */
  public LocalPipeline(PipelineRegistry registry, AutoCloseable resources) {
    this.registry = registry;
    this.resources = resources;
  }

  public PipelineRegistry registry() {
    return registry;
  }

  @Override
  public RegistryDocument document(String jobIdOrLatest) {
    return registry.document(jobIdOrLatest);
  }

  @Override
  public List<JobSummary> list(String step, int limit) {
    return registry.queries().list(step, limit);
  }

  @Override
  public List<VolumeHit> find(String volume) {
    return registry.queries().findVolume(volume);
  }

  @Override
  public RegistryDocument.Step step(String jobIdOrLatest, String step) {
    registry.step(jobIdOrLatest, step); // unknown job or step: a clear error
    return registry.document(jobIdOrLatest).pipelineSteps().get(step);
  }

  @Override
  public RegistryDocument.Step record(
      String jobId, String step, byte[] json, String where, String resultsRoot) {
    RegistryDocument document =
        registry.record(StepInput.parse(jobId, step, json, where), resultsRoot);
    return document.pipelineSteps().get(step);
  }

  @Override
  public RegistryDocument linkSource(String jobId, String sourceJob) {
    return registry.linkSource(jobId, sourceJob, null);
  }

  @Override
  public void close() {
    try {
      resources.close();
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
