package io.ocrbatch.activities.fault;

/**
 * What a caller sent is wrong (an unknown job type, a malformed id or key): HTTP 400, never worth
 * retrying.
 */
public class BadInputException extends IllegalArgumentException implements Fault {
  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public ExitCode exitCode() {
    return ExitCode.COULD_NOT_RUN;
  }
}
