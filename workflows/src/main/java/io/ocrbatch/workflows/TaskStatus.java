package io.ocrbatch.workflows;

/** BDRC's task lifecycle. The database column holds the lower-case names. */
public enum TaskStatus {
  PENDING,
  RUNNING,
  DONE,
  RETRYABLE_FAILED,
  TERMINAL_FAILED;

  public String dbName() {
    return name().toLowerCase();
  }
}
