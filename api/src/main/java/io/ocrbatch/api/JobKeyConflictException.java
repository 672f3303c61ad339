package io.ocrbatch.api;

/** A job key that already names a job with other volumes (HTTP 409; the CLI exits non-zero). */
public final class JobKeyConflictException extends IllegalStateException {
  public JobKeyConflictException(String message) {
    super(message);
  }
}
