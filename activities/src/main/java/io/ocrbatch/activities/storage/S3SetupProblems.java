package io.ocrbatch.activities.storage;

import java.util.Optional;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 failures that retrying cannot cure: no credentials, access denied. Told apart from throttling
 * and network errors (retried) so a volume fails at once with one sentence.
 */
public final class S3SetupProblems {
  private S3SetupProblems() {}

  /**
   * The sentence for a failure that is a setup problem, or empty for one worth retrying. {@code
   * locations}: the S3 or BDRC locations involved, the first S3 one is named.
   */
  public static Optional<String> describe(
      Throwable failure, StorageSettings settings, String... locations) {
    String bucket = "S3";
    for (String location : locations) {
      Optional<String> b = S3Credentials.bucketOf(location);
      if (b.isPresent()) {
        bucket = b.get();
        break;
      }
    }
    if (S3Credentials.isMissing(failure))
      return Optional.of(S3Credentials.missingMessage(bucket, settings));
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof S3Exception s3 && S3Objects.isDenied(s3)) {
        String code =
            s3.awsErrorDetails() == null ? "AccessDenied" : s3.awsErrorDetails().errorCode();
        return Optional.of(
            "access denied to "
                + bucket
                + " ("
                + code
                + ", HTTP 403): the AWS identity in use needs"
                + " s3:ListBucket and s3:GetObject there (and s3:PutObject on the results)");
      }
    }
    return Optional.empty();
  }
}
