package io.ocrbatch.cli;

import io.ocrbatch.activities.fault.RootCause;
import io.ocrbatch.activities.fault.StoreUnavailableException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Status reads of a command that follows a job to its end ({@code ocr}): a database that stops
 * answering (the embedded one being started again by its supervisor, a restart of the server) is
 * said once and waited out with backoff, as workers do, instead of ending the command while the job
 * runs on.
 */
final class FollowedReads {
  private static final long FIRST_PAUSE_MILLIS = 250;
  private static final long LONGEST_PAUSE_MILLIS = 5_000;

  private final PrintStream err;
  private final ShutdownSignal signal;
  private Instant downSince;

  FollowedReads(PrintStream err, ShutdownSignal signal) {
    this.err = err;
    this.signal = signal;
  }

  /** The read's value once the database answers; empty when Ctrl-C came while it did not. */
  <T> Optional<T> read(Supplier<T> read) throws InterruptedException {
    long pause = FIRST_PAUSE_MILLIS;
    while (true) {
      try {
        T value = read.get();
        if (downSince != null) {
          err.printf(
              "%nThe status database answers again after %d s.%n",
              Duration.between(downSince, Instant.now()).toSeconds());
          downSince = null;
        }
        return Optional.of(value);
      } catch (StoreUnavailableException e) {
        if (downSince == null) {
          downSince = Instant.now();
          err.printf(
              "%nThe status database does not answer (%s); waiting for it (the job goes on when it"
                  + " is back; Ctrl-C stops).%n",
              RootCause.message(e));
        }
        if (signal.signalled()) return Optional.empty();
        Thread.sleep(pause);
        pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
      }
    }
  }
}
