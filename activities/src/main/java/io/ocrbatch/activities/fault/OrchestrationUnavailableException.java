package io.ocrbatch.activities.fault;

/** Temporal did not answer: the request can be retried once it is back (HTTP 503). */
public final class OrchestrationUnavailableException extends BackendUnavailableException {
  public OrchestrationUnavailableException(String target, Throwable cause) {
    super(
        "the orchestration backend (Temporal) is unreachable"
            + (target == null ? "" : " at " + target)
            + ": "
            + RootCause.message(cause),
        cause);
  }

  /** Whether a Temporal client failure means the service could not be reached (not a refusal). */
  public static boolean isUnreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof io.grpc.StatusRuntimeException s) {
        io.grpc.Status.Code code = s.getStatus().getCode();
        return code == io.grpc.Status.Code.UNAVAILABLE
            || code == io.grpc.Status.Code.DEADLINE_EXCEEDED;
      }
    }
    return false;
  }
}
