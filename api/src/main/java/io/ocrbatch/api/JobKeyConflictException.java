package io.ocrbatch.api;

import io.ocrbatch.activities.fault.ConflictException;

/** A job key that already names a job with other volumes (HTTP 409; the CLI exits non-zero). */
public final class JobKeyConflictException extends ConflictException {
  public JobKeyConflictException(String message) {
    super(message);
  }
}
