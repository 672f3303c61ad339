package io.ocrbatch.api.pipeline;

import io.ocrbatch.activities.registry.PipelineNames;
import io.ocrbatch.activities.registry.PipelineRegistry;
import io.ocrbatch.activities.registry.PipelineRows.JobSummary;
import io.ocrbatch.activities.registry.PipelineRows.VolumeHit;
import io.ocrbatch.activities.registry.RegistryDocument;
import io.ocrbatch.activities.registry.StepInput;
import io.ocrbatch.activities.registry.UnknownPipelineJobException;
import io.ocrbatch.api.JobService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The pipeline registry over HTTP: jobs, their steps and trace, and the jobs that touched a volume.
 */
@RestController
@RequestMapping("/api/pipeline")
@Tag(name = "pipeline", description = "Pipeline registry: every job's steps, trace and volumes")
public class PipelineController {
  private final PipelineRegistry registry;

  PipelineController(JobService jobs) {
    this.registry = new PipelineRegistry(jobs.store().jdbc(), jobs.volumes().storage());
  }

  @Operation(summary = "Pipeline jobs, newest first, with their steps' statuses")
  @GetMapping("/jobs")
  List<JobSummary> jobs(
      @RequestParam(required = false) String step, @RequestParam(defaultValue = "50") int limit) {
    if (step != null) PipelineNames.checkStep(step);
    if (limit < 1 || limit > 1000) throw new IllegalArgumentException("limit must be 1 to 1000");
    return registry.queries().list(step, limit);
  }

  @Operation(summary = "A job's registry document (id, or latest)")
  @GetMapping("/jobs/{id}")
  RegistryDocument job(@PathVariable String id) {
    return found(() -> registry.document(id));
  }

  @Operation(summary = "The newest pipeline job's registry document")
  @GetMapping("/latest")
  RegistryDocument latest() {
    return found(() -> registry.document(PipelineRegistry.LATEST));
  }

  @Operation(summary = "Every job and step that covered a volume, oldest first")
  @GetMapping("/volumes/{volume}")
  List<VolumeHit> volume(@PathVariable String volume) {
    return registry.queries().findVolume(volume);
  }

  @Operation(summary = "One step of a job: status, volumes, config, metadata")
  @GetMapping("/jobs/{id}/steps/{step}")
  RegistryDocument.Step step(@PathVariable String id, @PathVariable String step) {
    return found(
        () -> {
          registry.step(id, step);
          return registry.document(id).pipelineSteps().get(step);
        });
  }

  @Operation(
      summary =
          "Record a step's results (JSON object; \"status\" pending|completed|failed required)")
  @PutMapping(value = "/jobs/{id}/steps/{step}", consumes = "application/json")
  RegistryDocument.Step record(
      @PathVariable String id,
      @PathVariable String step,
      @RequestBody(required = false) byte[] body) {
    String jobId = found(() -> registry.resolve(id));
    RegistryDocument document =
        registry.record(
            StepInput.parse(jobId, step, body == null ? new byte[0] : body, "request body"), null);
    return document.pipelineSteps().get(step);
  }

  @Operation(summary = "Record the job a pipeline job built on (source_job: an id, or auto)")
  @PutMapping(value = "/jobs/{id}/source", consumes = "application/json")
  RegistryDocument source(@PathVariable String id, @RequestBody Map<String, Object> body) {
    Object source = body.get("source_job");
    if (!(source instanceof String s)) {
      throw new IllegalArgumentException("request body needs \"source_job\": a job id or auto");
    }
    return found(() -> registry.linkSource(id, s, null));
  }

  /** An unknown job or step is 404 (ApiErrors answers it with the usual body). */
  private static <T> T found(Supplier<T> read) {
    try {
      return read.get();
    } catch (UnknownPipelineJobException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
    }
  }
}
