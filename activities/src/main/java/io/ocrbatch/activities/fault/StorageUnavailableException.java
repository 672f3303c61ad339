package io.ocrbatch.activities.fault;

/**
 * A result or page image could not be read or written (a disk, S3): HTTP 503, worth retrying later.
 */
public class StorageUnavailableException extends BackendUnavailableException {
  public StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
