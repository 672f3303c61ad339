package io.ocrbatch.cli.pipeline;

import io.ocrbatch.activities.registry.PipelineRows.JobSummary;
import io.ocrbatch.activities.registry.PipelineRows.VolumeHit;
import io.ocrbatch.activities.registry.RegistryDocument;
import java.util.List;

/**
 * What the {@code pipeline} commands ask of the registry: answered by the database directly ({@link
 * LocalPipeline}) or through a server's REST API ({@link RemotePipeline}).
 */
public interface PipelineClient extends AutoCloseable {
  /** The job's registry document; {@code latest} names the newest job. */
  RegistryDocument document(String jobIdOrLatest);

  List<JobSummary> list(String step, int limit);

  List<VolumeHit> find(String volume);

  RegistryDocument.Step step(String jobIdOrLatest, String step);

  /**
   * Records a step from its metadata JSON (status required); returns the step as recorded. {@code
   * resultsRoot} (may be null): where a new job's registry files go.
   */
  RegistryDocument.Step record(
      String jobId, String step, byte[] metadataJson, String where, String resultsRoot);

  /** Records that the job built on a source job ({@code auto}: found by the job's volumes). */
  RegistryDocument linkSource(String jobId, String sourceJob);

  @Override
  void close();
}
