package io.ocrbatch.activities.storage;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Output storage that refuses writes for a reason of its own, not of the page being written: a full
 * disk or quota, a read-only or unwritable folder, an S3 prefix the identity may not write, a full
 * S3-compatible store. Such a condition is waited out (the operator frees space or fixes access),
 * never charged to the volume.
 */
public final class UnwritableOutput {
  private UnwritableOutput() {}

  /** What the operating system says in the errors we hold on (lower case). */
  private static final List<String> LOCAL_CONDITIONS =
      List.of(
          "no space left on device",
          "disk quota exceeded",
          "read-only file system",
          "permission denied");

  /** S3 error codes of a store that will take the write once its owner acts. */
  private static final List<String> S3_CODES =
      List.of("AccessDenied", "QuotaExceeded", "XMinioStorageFull");

  /**
   * The reason, as short text ({@code "No space left on device"}), when {@code failure} is such a
   * condition; empty for anything else (a network error is retried as before).
   */
  public static Optional<String> reason(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AccessDeniedException) return Optional.of("Permission denied");
      if (t instanceof S3Exception s3) return s3Reason(s3);
      String text = t instanceof FileSystemException fs ? fs.getReason() : t.getMessage();
      if (text == null) continue;
      String lower = text.toLowerCase(Locale.ROOT);
      for (String condition : LOCAL_CONDITIONS) {
        if (lower.contains(condition)) return Optional.of(capitalized(condition));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> s3Reason(S3Exception s3) {
    String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
    if (s3.statusCode() == 403 || s3.statusCode() == 507 || S3_CODES.contains(code)) {
      return Optional.of((code == null ? "refused" : code) + " (HTTP " + s3.statusCode() + ")");
    }
    return Optional.empty();
  }

  private static String capitalized(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
