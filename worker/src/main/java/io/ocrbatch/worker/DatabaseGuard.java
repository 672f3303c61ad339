package io.ocrbatch.worker;

import io.ocrbatch.activities.statusdb.DatabaseHealth;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.failure.ApplicationFailure;

/**
 * Fails an activity at once, retryably, when it reaches a worker whose status database is
 * unreachable (a poll that was already waiting when polling was suspended can still deliver one):
 * Temporal retries it after its backoff, on a worker that can run it, instead of this one spending
 * the connection timeout on every statement.
 */
final class DatabaseGuard extends WorkerInterceptorBase {
  static final String FAILURE_TYPE = io.ocrbatch.workflows.FailureTypes.DATABASE_UNAVAILABLE;

  private final DatabaseHealth health;
  private final String workerName;

  DatabaseGuard(DatabaseHealth health, String workerName) {
    this.health = health;
    this.workerName = workerName;
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      @Override
      public ActivityOutput execute(ActivityInput input) {
        DatabaseHealth.State state = health.state();
        if (!state.up()) {
          throw ApplicationFailure.newFailure(
              "worker "
                  + workerName
                  + " cannot reach its status database ("
                  + state.error()
                  + "); another worker will take this task",
              FAILURE_TYPE);
        }
        return super.execute(input);
      }
    };
  }
}
