package io.ocrbatch.workflows;

/**
 * The task queues of DESIGN.md. Workflows and I/O-bound activities share {@link #IO}; OCR goes to
 * the queue its job type names ({@link JobTypeSpec#ocrQueue()}), set by the engine's provider.
 */
public final class TaskQueues {
  public static final String IO = "io";
  public static final String OCR_CPU = "ocr-cpu";
  public static final String OCR_GPU = "ocr-gpu";

  private TaskQueues() {}
}
