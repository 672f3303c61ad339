package io.ocrbatch.activities;

import io.ocrbatch.activities.statusdb.TaskStore;
import io.ocrbatch.activities.storage.UnwritableOutput;
import io.ocrbatch.workflows.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes results, waiting out output storage that refuses writes for a reason of its own ({@link
 * UnwritableOutput}: a full disk, an unwritable folder or S3 prefix). The result stays in hand (no
 * page is OCRed again for it) and the write is tried again with backoff, 1 s doubling to {@link
 * #MAX_BACKOFF}, while the activity keeps heartbeating; the hold is recorded on the task ({@code
 * job status}, the API) and said in the worker's health lines, and ends by itself when a write goes
 * through. It never costs an attempt. After {@code maxHold} (below the activity's start-to-close
 * timeout) it gives up with {@link FailureTypes#OUTPUT_UNWRITABLE}, which the volume workflow waits
 * out in its turn.
 */
final class OutputHold {
  private static final Logger log = LoggerFactory.getLogger(OutputHold.class);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /** Five hours: an OCR chunk and a volume's end may run six before Temporal times them out. */
  static final Duration DEFAULT_MAX_HOLD = Duration.ofHours(5);

  /** A write that may be refused. */
  interface Write {
    void run() throws IOException;
  }

  private final TaskStore tasks;
  private final OutputHealth health;
  private final Duration maxHold;

  OutputHold(TaskStore tasks, String workerName, Duration maxHold) {
    this.tasks = tasks;
    this.health = new OutputHealth(workerName);
    this.maxHold = maxHold;
  }

  /**
   * Runs {@code write} until it goes through (true), or until {@code stop} says to give up (false:
   * the job was canceled; nothing was written). Failures other than refused writes are thrown as
   * they are.
   *
   * @param root the job's output root (one health line per root)
   * @param folder the folder written to, named in messages
   */
  boolean write(long taskId, String root, String folder, Write write, BooleanSupplier stop)
      throws IOException {
    long started = System.nanoTime();
    Duration backoff = Duration.ofSeconds(1);
    boolean held = false;
    while (true) {
      try {
        write.run();
        if (held) {
          health.written(root);
          record(() -> tasks.released(taskId));
        }
        return true;
      } catch (IOException | RuntimeException e) {
        Optional<String> reason = UnwritableOutput.reason(e);
        if (reason.isEmpty()) throw e;
        String why = "output " + folder + " cannot be written: " + reason.get();
        health.refused(root, folder, reason.get());
        record(() -> tasks.held(taskId, why));
        held = true;
        Duration holding = Duration.ofNanos(System.nanoTime() - started);
        if (holding.compareTo(maxHold) >= 0) {
          throw ApplicationFailure.newNonRetryableFailure(
              why + " (held " + holding.toMinutes() + " min)", FailureTypes.OUTPUT_UNWRITABLE);
        }
      }
      if (stop.getAsBoolean()) return false;
      try {
        Thread.sleep(backoff.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      backoff =
          backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
              ? MAX_BACKOFF
              : backoff.multipliedBy(2);
    }
  }

  /** The hold's status row is news for operators, not a condition of the write: best effort. */
  private static void record(Runnable update) {
    try {
      update.run();
    } catch (RuntimeException e) {
      log.debug("Could not record an output hold: {}", e.getMessage());
    }
  }
}
