package io.ocrbatch.workflows;

import java.util.Locale;

/**
 * How an ended job went, decided in one place for the workflow, the status store, the API, the CLI
 * and the web page:
 *
 * <ul>
 *   <li>{@code completed}: every volume done, no page failed;
 *   <li>{@code completed_with_failures}: every volume done, some pages failed and some succeeded;
 *   <li>{@code failed}: a volume failed (not found, not processable, out of attempts), or pages
 *       failed and none succeeded;
 *   <li>{@code canceled}.
 * </ul>
 *
 * A page succeeded when it was OCRed or found done already. The job's status is {@code completed}
 * for the first two, {@code failed} or {@code canceled} for the others.
 */
public enum Outcome {
  COMPLETED,
  COMPLETED_WITH_FAILURES,
  FAILED,
  CANCELED;

  public static Outcome of(
      boolean canceled, long volumesFailed, long pagesSucceeded, long pagesFailed) {
    if (canceled) return CANCELED;
    if (volumesFailed > 0 || (pagesFailed > 0 && pagesSucceeded == 0)) return FAILED;
    return pagesFailed > 0 ? COMPLETED_WITH_FAILURES : COMPLETED;
  }

  /** The outcome of a job in {@code status}; null while it has not ended. */
  public static Outcome ofEnded(JobStatus status, long pagesFailed) {
    return switch (status) {
      case COMPLETED -> pagesFailed > 0 ? COMPLETED_WITH_FAILURES : COMPLETED;
      case FAILED -> FAILED;
      case CANCELED -> CANCELED;
      default -> null;
    };
  }

  public JobStatus status() {
    return switch (this) {
      case COMPLETED, COMPLETED_WITH_FAILURES -> JobStatus.COMPLETED;
      case FAILED -> JobStatus.FAILED;
      case CANCELED -> JobStatus.CANCELED;
    };
  }

  /** As the API, the CLI and the {@code OcrJobStatus} search attribute write it. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** As {@code job status} and the web page say it. */
  public String words() {
    return wireName().replace('_', ' ');
  }
}
