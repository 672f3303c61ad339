package io.ocrbatch.activities.storage;

/** A volume that cannot be processed however often it is retried: missing, malformed, empty. */
public class VolumeProblem extends RuntimeException {
  public VolumeProblem(String message) {
    super(message);
  }

  public VolumeProblem(String message, Throwable cause) {
    super(message, cause);
  }
}
