package io.ocrbatch.activities.fault;

/**
 * A failure that says what it means: the exit code a command ends with, and whether the same
 * request may succeed later (a backend that was away) or never will (the request itself is wrong,
 * or conflicts with a job's state). The API maps each type to its HTTP status in one place.
 */
public interface Fault {
  ExitCode exitCode();

  /** Whether trying the same request again later may succeed. */
  default boolean retryable() {
    return false;
  }
}
