package io.ocrbatch.activities.fault;

/** The request contradicts a job's state (it has ended, its key names other volumes): HTTP 409. */
public class ConflictException extends IllegalStateException implements Fault {
  public ConflictException(String message) {
    super(message);
  }

  @Override
  public ExitCode exitCode() {
    return ExitCode.COULD_NOT_RUN;
  }
}
