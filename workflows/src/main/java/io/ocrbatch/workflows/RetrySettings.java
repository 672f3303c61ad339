package io.ocrbatch.workflows;

/**
 * Retry and liveness settings of a job. Task attempts are volume-workflow attempts (BDRC's
 * attempts/max_attempts); activities retry transient errors underneath with exponential backoff.
 */
public record RetrySettings(
    int maxTaskAttempts,
    int maxActivityAttempts,
    long initialIntervalMillis,
    long heartbeatTimeoutMillis) {

  public static RetrySettings defaults() {
    return new RetrySettings(3, 5, 2_000, 60_000);
  }
}
