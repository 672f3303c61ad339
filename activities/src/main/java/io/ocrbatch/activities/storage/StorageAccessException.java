package io.ocrbatch.activities.storage;

/** S3 cannot be used as configured (no credentials, access denied): a setup problem, not retried. */
public final class StorageAccessException extends RuntimeException {
  public StorageAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
