package io.ocrbatch.workflows;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/** Activity options shared by the workflows. */
final class ActivityStubOptions {
  private ActivityStubOptions() {}

  /**
   * Status-store and listing calls: short, idempotent, retried with backoff through a database
   * blip. Never cancel-requested (ABANDON): Temporal's in-process service can wedge a workflow that
   * cancels an activity completing at the same moment (sdk-java issue 2391).
   */
  static ActivityOptions io() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.IO)
        .setCancellationType(ActivityCancellationType.ABANDON)
        .setStartToCloseTimeout(Duration.ofMinutes(2))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2)
                .setMaximumInterval(Duration.ofMinutes(1))
                .setMaximumAttempts(10)
                .build())
        .build();
  }

  /**
   * A volume's end ({@code finishVolume}): like {@link #io()}, but its searchable PDF of every page
   * may take hours, heartbeating after each page; the manifest alone or the PDF's upload must fit
   * in the heartbeat timeout.
   */
  static ActivityOptions volumeEnd() {
    return ActivityOptions.newBuilder(io())
        .setStartToCloseTimeout(Duration.ofHours(6))
        .setHeartbeatTimeout(Duration.ofMinutes(10))
        .build();
  }

  /** OCR chunks: long-running, heartbeating, finishing the page in hand when canceled. */
  static ActivityOptions ocr(VolumeTask task) {
    RetrySettings retry = task.retry();
    return ActivityOptions.newBuilder()
        .setTaskQueue(task.jobType().ocrQueue())
        .setStartToCloseTimeout(Duration.ofHours(6))
        .setHeartbeatTimeout(Duration.ofMillis(retry.heartbeatTimeoutMillis()))
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofMillis(retry.initialIntervalMillis()))
                .setBackoffCoefficient(2)
                .setMaximumInterval(Duration.ofMinutes(5))
                .setMaximumAttempts(retry.maxActivityAttempts())
                .build())
        .build();
  }
}
