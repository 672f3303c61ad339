package io.ocrbatch.workflows;

/** The task queues of DESIGN.md. Workflows and I/O-bound activities share {@link #IO}. */
public final class TaskQueues {
  public static final String IO = "io";
  public static final String OCR_CPU = "ocr-cpu";
  public static final String OCR_GPU = "ocr-gpu";

  private TaskQueues() {}

  /** The OCR queue an engine's pages go to. */
  public static String forEngine(String engine) {
    return "tesseract".equals(engine) ? OCR_CPU : OCR_GPU;
  }
}
