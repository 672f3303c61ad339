package io.ocrbatch.cli;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.ocrbatch.activities.fault.RootCause;
import io.ocrbatch.activities.fault.StartupWait;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Connects a starting worker to Temporal, waiting while the frontend does not answer ({@link
 * StartupWait}), as the worker's SDK does by itself once running. A refusal that waiting cannot fix
 * (permission denied, a malformed target) fails at once.
 */
final class TemporalStartup {
  private TemporalStartup() {}

  static WorkflowServiceStubs connect(
      Supplier<WorkflowServiceStubsOptions> options,
      String target,
      String who,
      BooleanSupplier stopped) {
    StartupWait wait = new StartupWait(who, "Temporal at " + target, stopped);
    while (true) {
      try {
        WorkflowServiceStubs stubs =
            WorkflowServiceStubs.newConnectedServiceStubs(options.get(), Duration.ofSeconds(5));
        wait.answered();
        return stubs;
      } catch (RuntimeException e) {
        if (!unreachable(e)) {
          throw new IllegalStateException(
              "cannot use Temporal at " + target + ": " + RootCause.message(e), e);
        }
        wait.unreachable(RootCause.message(e));
      }
    }
  }

  /** Nothing answers (yet), as opposed to an answer that refuses us. */
  private static boolean unreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException grpc) {
        Status.Code code = grpc.getStatus().getCode();
        return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
      }
      if (t.getCause() == t) break;
    }
    return false;
  }
}
