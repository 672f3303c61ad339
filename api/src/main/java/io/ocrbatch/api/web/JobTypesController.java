package io.ocrbatch.api.web;

import io.ocrbatch.api.JobService;
import io.ocrbatch.workflows.JobTypeSpec;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Job types: the named OCR configurations a job (or an upload's {@code model}) refers to. */
@RestController
@RequestMapping("/api/job-types")
@Tag(name = "job-types", description = "Named OCR configurations")
class JobTypesController {
  private final JobService jobs;

  JobTypesController(JobService jobs) {
    this.jobs = jobs;
  }

  /** A new job type; {@code language} defaults to the model, formats to txt,json. */
  record NewJobType(
      String name, String engine, String model, String language, String encoding, String lineMode,
      List<String> outputFormats, String description) {}

  @Operation(summary = "The job types (upload 'model' names), oldest first")
  @GetMapping
  List<JobTypeSpec> list() {
    return jobs.store().jobTypes().list();
  }

  @Operation(summary = "Create a job type (409 if the name exists)")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  JobTypeSpec create(@RequestBody NewJobType body) {
    if (body.name() != null && jobs.store().jobTypes().byName(body.name()).isPresent()) {
      throw new IllegalStateException("job type '" + body.name() + "' already exists");
    }
    return jobs.createJobType(
        new JobTypeSpec(
            0, body.name(), body.engine() == null ? "tesseract" : body.engine(), body.model(), body.language(),
            body.encoding() == null ? "unicode" : body.encoding(), body.lineMode() == null ? "auto" : body.lineMode(),
            body.outputFormats() == null ? List.of("txt", "json") : body.outputFormats()),
        body.description());
  }
}
