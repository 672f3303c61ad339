package io.ocrbatch.activities.ocr.neural;

/**
 * The GPU ran out of memory or CUDA failed while recognising a page. The page is retried (by
 * Temporal, possibly on another worker); the worker itself keeps running.
 */
public class GpuFailureException extends RuntimeException {
  public GpuFailureException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether an inference failure came from the GPU rather than from the model or its input. */
  static boolean isGpuFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
      if (message.contains("cuda")
          || message.contains("out of memory")
          || message.contains("cudnn")
          || message.contains("cublas")) {
        return true;
      }
    }
    return false;
  }
}
