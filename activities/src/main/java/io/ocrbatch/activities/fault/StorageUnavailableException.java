package io.ocrbatch.activities.fault;

/**
 * A result or page image could not be read or written (a disk, S3): HTTP 503, worth retrying later.
 */
public class StorageUnavailableException extends RuntimeException implements Fault {
  public StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public ExitCode exitCode() {
    return ExitCode.COULD_NOT_RUN;
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
