package io.ocrbatch.api.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.ocrbatch.activities.engines.EngineRegistry;
import io.ocrbatch.api.JobService;
import io.ocrbatch.api.LanguageNames;
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
      String name,
      String engine,
      String model,
      String language,
      String encoding,
      String lineMode,
      List<String> outputFormats,
      String description) {}

  /**
   * A job type as listed: its configuration, and its language's name for people choosing it ({@code
   * tesseract-eng — English}); {@code language_name} is null for codes that are not languages.
   */
  record JobTypeView(@JsonUnwrapped JobTypeSpec type, String languageName) {
    static JobTypeView of(JobTypeSpec type) {
      return new JobTypeView(type, LanguageNames.of(type.engine(), type.language()));
    }
  }

  @Operation(
      summary = "The job types (upload 'model' names), oldest first, with their language's name")
  @GetMapping
  List<JobTypeView> list() {
    return jobs.store().jobTypes().list().stream().map(JobTypeView::of).toList();
  }

  @Operation(summary = "Create a job type (409 if the name exists)")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  JobTypeView create(@RequestBody NewJobType body) {
    if (body.name() != null && jobs.store().jobTypes().byName(body.name()).isPresent()) {
      throw new io.ocrbatch.activities.fault.ConflictException(
          "job type '" + body.name() + "' already exists");
    }
    return JobTypeView.of(
        jobs.createJobType(
            new JobTypeSpec(
                0,
                body.name(),
                body.engine() == null ? EngineRegistry.DEFAULT_ENGINE : body.engine(),
                body.model(),
                body.language(),
                body.encoding() == null ? "unicode" : body.encoding(),
                body.lineMode() == null ? "auto" : body.lineMode(),
                body.outputFormats() == null ? List.of("txt", "json") : body.outputFormats()),
            body.description()));
  }
}
