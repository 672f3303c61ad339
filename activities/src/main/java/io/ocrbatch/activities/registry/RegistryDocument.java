package io.ocrbatch.activities.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pipeline job as one JSON document: what {@code pipeline export}, {@code GET
 * /api/pipeline/jobs/{id}} and {@code job_registry/{job_id}.json} hold, and what {@code pipeline
 * rebuild} restores the rows from.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegistryDocument(
    @JsonProperty("job_id") String jobId,
    String timestamp,
    Source source,
    @JsonProperty("pipeline_steps") Map<String, Step> pipelineSteps,
    @JsonProperty("execution_trace") List<TraceEntry> executionTrace) {

  /** The source upload the job built on (its own source step, or its source job's). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Source(
      @JsonProperty("job_id") String jobId,
      String bucket,
      @JsonProperty("endpoint_url") String endpointUrl,
      SourceCitekeys citekeys,
      Object checksums) {}

  public record SourceCitekeys(int total, Integer uploaded, Integer skipped, List<String> list) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Step(
      @JsonProperty("job_id") String jobId,
      String status,
      String timestamp,
      @JsonProperty("metadata_path") String metadataPath,
      @JsonProperty("source_job") String sourceJob,
      Citekeys citekeys,
      Map<String, Object> config,
      Map<String, Object> metadata) {}

  /**
   * The volumes a step covered; {@code list} holds them all, {@code failed_list} those that failed.
   */
  public record Citekeys(
      int total,
      int successful,
      int failed,
      List<String> list,
      @JsonProperty("failed_list") List<String> failedList) {}

  public record TraceEntry(
      String step, @JsonProperty("job_id") String jobId, String timestamp, String status) {}

  /** The job this one built on, when it is another job. */
  @JsonIgnore
  public String sourceJobId() {
    return source == null || jobId.equals(source.jobId()) ? null : source.jobId();
  }

  /** This job's own steps as records (a source step borrowed from its source job is not one). */
  @JsonIgnore
  public List<StepRecord> ownSteps() {
    List<StepRecord> steps = new ArrayList<>();
    if (pipelineSteps == null) return steps;
    pipelineSteps.forEach(
        (name, s) -> {
          if (s.jobId() != null && !s.jobId().equals(jobId)) return;
          Citekeys c = s.citekeys() != null ? s.citekeys() : new Citekeys(0, 0, 0, null, null);
          List<String> failed = c.failedList() == null ? List.of() : c.failedList();
          Set<String> failedSet = new HashSet<>(failed);
          List<String> ok =
              c.list() == null
                  ? List.of()
                  : c.list().stream().filter(v -> !failedSet.contains(v)).toList();
          steps.add(
              new StepRecord(
                  jobId,
                  name,
                  StepStatus.parse(s.status()),
                  Instant.parse(s.timestamp()),
                  s.sourceJob(),
                  new Coverage(c.total(), c.successful(), c.failed(), ok, failed),
                  s.config(),
                  s.metadata()));
        });
    return steps;
  }
}
