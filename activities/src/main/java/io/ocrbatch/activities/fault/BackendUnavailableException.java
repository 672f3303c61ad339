package io.ocrbatch.activities.fault;

/**
 * A backend this request needs is away (Temporal, the status database, storage): never the client's
 * fault, and the same request may succeed later (HTTP 503, exit code 1).
 */
public abstract class BackendUnavailableException extends RuntimeException implements Fault {
  protected BackendUnavailableException(String message, Throwable cause) {
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
