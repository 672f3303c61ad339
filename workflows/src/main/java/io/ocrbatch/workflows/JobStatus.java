package io.ocrbatch.workflows;

/** BDRC's job lifecycle, plus paused. The database column holds the lower-case names. */
public enum JobStatus {
  CREATED,
  RUNNING,
  PAUSED,
  COMPLETED,
  FAILED,
  CANCELED;

  public String dbName() {
    return name().toLowerCase();
  }

  public boolean finished() {
    return this == COMPLETED || this == FAILED || this == CANCELED;
  }
}
