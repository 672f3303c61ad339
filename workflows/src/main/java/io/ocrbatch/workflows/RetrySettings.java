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

  /**
   * How long Temporal waits without a heartbeat before it gives a page chunk to another worker.
   * Chunks heartbeat every second and workers send at most one heartbeat per 2 s; measured ({@code
   * bench/heartbeat-gaps.sh}) with four OCR slots per core, Temporal heard them at most 2.5 s apart
   * (pages took up to 9.9 s), so 15 s holds with a wide margin and a killed worker's chunk moves on
   * after about 17 s (this timeout, then the first retry's 2 s), not 62 s.
   */
  public static final long HEARTBEAT_TIMEOUT_MILLIS = 15_000;

  public static RetrySettings defaults() {
    return new RetrySettings(3, 5, 2_000, HEARTBEAT_TIMEOUT_MILLIS);
  }
}
