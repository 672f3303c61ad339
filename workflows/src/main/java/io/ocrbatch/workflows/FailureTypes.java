package io.ocrbatch.workflows;

/** ApplicationFailure types the workflows and activities agree on. */
public final class FailureTypes {
  /** The volume cannot be processed however often it is tried (missing, unreadable, empty). */
  public static final String VOLUME_NOT_PROCESSABLE = "VolumeNotProcessable";

  /** The OCR engine cannot load on this worker (a missing package or model): not retried. */
  public static final String ENGINE_UNAVAILABLE = "EngineUnavailable";

  /** The GPU failed on a page; retried (the worker may fall back to the CPU). */
  public static final String GPU_FAILURE = "GpuFailure";

  /** The worker cannot reach its status database; retried, on another worker if there is one. */
  public static final String DATABASE_UNAVAILABLE = "DatabaseUnavailable";

  /**
   * The output storage refused writes for longer than an activity holds a result (a full disk, an
   * unwritable folder or S3 prefix): the volume waits and tries again, spending no attempt.
   */
  public static final String OUTPUT_UNWRITABLE = "OutputUnwritable";

  /**
   * Some of a volume's images could not be had (missing, forbidden, unreadable): the volume is not
   * complete; retried, redoing only those pages.
   */
  public static final String PAGES_MISSING = "PagesMissing";

  private FailureTypes() {}
}
