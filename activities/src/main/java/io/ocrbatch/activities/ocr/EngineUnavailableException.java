package io.ocrbatch.activities.ocr;

/** The engine or its model is missing or misconfigured on this worker; says what to install. */
public class EngineUnavailableException extends RuntimeException {
  public EngineUnavailableException(String message) {
    super(message);
  }
}
