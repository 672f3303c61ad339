package io.ocrbatch.activities.storage;

import java.util.Collection;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Whether S3 can be used at all: credentials found by the configured provider (AWS's default
 * chain). Checked once when a job naming S3 or BDRC locations is created, so a missing
 * configuration is one sentence at once instead of a volume retried for minutes.
 */
public final class S3Credentials {
  private S3Credentials() {}

  /** The sentence for "no credentials" about {@code location}. */
  public static String missingMessage(String location, StorageSettings settings) {
    return "no AWS credentials found for "
        + location
        + " (region "
        + settings.region()
        + (settings.s3Endpoint() == null ? "" : ", endpoint " + settings.s3Endpoint())
        + "): set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run with an instance or task role";
  }

  /**
   * Throws {@link StorageAccessException} when a location is on S3 (or BDRC) and no credentials
   * resolve.
   */
  public static void requireFor(StorageSettings settings, Collection<String> locations) {
    Optional<String> remote =
        locations.stream().map(S3Credentials::bucketOf).flatMap(Optional::stream).findFirst();
    if (remote.isEmpty()) return;
    try {
      settings.credentials().resolveCredentials();
    } catch (SdkClientException noCredentials) {
      throw new StorageAccessException(missingMessage(remote.get(), settings));
    }
  }

  /** {@code s3://bucket} of an {@code s3://} or {@code bdrc://} location; empty for local ones. */
  public static Optional<String> bucketOf(String location) {
    if (location == null) return Optional.empty();
    if (BdrcVolume.isBdrcUri(location)) {
      return BdrcVolume.fromUri(location).map(l -> "s3://" + l.bucket());
    }
    if (S3Location.isS3(location))
      return Optional.of("s3://" + S3Location.parse(location).bucket());
    return Optional.empty();
  }

  /** Whether a client failure is the SDK finding no credentials (never cured by retrying). */
  public static boolean isMissing(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SdkClientException
          && t.getMessage() != null
          && t.getMessage().startsWith("Unable to load credentials")) {
        return true;
      }
    }
    return false;
  }
}
