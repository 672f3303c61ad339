package io.ocrbatch.activities.fault;

/** The status database did not answer or refused a statement: HTTP 503, worth retrying later. */
public class StoreUnavailableException extends BackendUnavailableException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
