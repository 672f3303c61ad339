package io.ocrbatch.workflows;

import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;

/** Reads Temporal failure chains: was it a cancellation, can it be retried, what to tell a user. */
final class Failures {
  private Failures() {}

  static boolean isCancellation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CanceledFailure) return true;
    }
    return false;
  }

  static boolean isNonRetryable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app && app.isNonRetryable()) return true;
    }
    return false;
  }

  /** Whether an application failure of {@code type} is in the chain. */
  static boolean hasType(Throwable failure, String type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app && type.equals(app.getType())) return true;
    }
    return false;
  }

  /** The innermost application message, e.g. "VolumeNotProcessable: no images in /scans/v1". */
  static String describe(Throwable failure) {
    String message = failure.getMessage();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app) {
        message = app.getType() + ": " + app.getOriginalMessage();
      } else if (t instanceof TimeoutFailure timeout) {
        message = "timeout: " + timeout.getTimeoutType();
      }
    }
    return message;
  }
}
