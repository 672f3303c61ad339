package io.ocrbatch.activities.registry;

import io.ocrbatch.activities.fault.BadInputException;
import io.ocrbatch.activities.fault.UserInput;

/** No pipeline job (or no such step of it) in the registry: HTTP 404, exit code 1. */
public final class UnknownPipelineJobException extends BadInputException {
  public UnknownPipelineJobException(String message) {
    super(message);
  }

  static UnknownPipelineJobException job(String jobId) {
    return new UnknownPipelineJobException(
        "no pipeline job " + UserInput.quote(jobId) + " in the registry");
  }

  static UnknownPipelineJobException step(String jobId, String step) {
    return new UnknownPipelineJobException(
        "pipeline job " + UserInput.quote(jobId) + " has no step " + UserInput.quote(step));
  }
}
