package io.ocrbatch.activities.fault;

/** The status database did not answer or refused a statement: HTTP 503, worth retrying later. */
public class StoreUnavailableException extends RuntimeException implements Fault {
  public StoreUnavailableException(String message, Throwable cause) {
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
