package io.ocrbatch.activities.ocr.bdrc;

import io.ocrbatch.activities.ocr.EngineUnavailableException;

/** A model directory that is missing or whose {@code model_config.json} is malformed. */
public class InvalidModelException extends EngineUnavailableException {
  public InvalidModelException(String message) {
    super(message);
  }
}
