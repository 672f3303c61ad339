package io.ocrbatch.activities.storage;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * How to reach S3 and SQS: the region, endpoint overrides for S3-compatible stores (MinIO,
 * Backblaze B2, Ceph) and SQS-compatible queues, the credentials (AWS's default chain unless a test
 * gives its own), how often a throttled or failed request is tried, how many downloads run at once,
 * and the BDRC archive bucket that {@code W…-I…} volume ids resolve to.
 */
public record StorageSettings(
    String region,
    URI s3Endpoint,
    boolean pathStyle,
    URI sqsEndpoint,
    AwsCredentialsProvider credentials,
    int maxAttempts,
    int downloadThreads,
    String bdrcBucket) {

  public static final String DEFAULT_BDRC_BUCKET = "archive.tbrc.org";
  public static final int DEFAULT_MAX_ATTEMPTS = 8;
  public static final int DEFAULT_DOWNLOAD_THREADS = 16;

  public StorageSettings {
    if (maxAttempts < 1) throw new IllegalArgumentException("S3 max attempts must be at least 1");
    if (downloadThreads < 1)
      throw new IllegalArgumentException("download threads must be at least 1");
  }

  public static StorageSettings fromEnvironment() {
    return from(System.getenv());
  }

  /**
   * Reads {@code OCRBATCH_AWS_REGION} (else {@code AWS_REGION}, else us-east-1), {@code
   * OCRBATCH_S3_ENDPOINT}, {@code OCRBATCH_S3_PATH_STYLE} (default: true when an endpoint is set),
   * {@code OCRBATCH_SQS_ENDPOINT}, {@code OCRBATCH_S3_MAX_ATTEMPTS}, {@code
   * OCRBATCH_DOWNLOAD_THREADS} and {@code OCRBATCH_BDRC_BUCKET}.
   */
  public static StorageSettings from(Map<String, String> env) {
    String region = first(env, "OCRBATCH_AWS_REGION", "AWS_REGION", "AWS_DEFAULT_REGION");
    URI s3 = uri(env, "OCRBATCH_S3_ENDPOINT");
    String pathStyle = env.get("OCRBATCH_S3_PATH_STYLE");
    return new StorageSettings(
        region != null ? region : "us-east-1",
        s3,
        pathStyle != null ? Boolean.parseBoolean(pathStyle) : s3 != null,
        uri(env, "OCRBATCH_SQS_ENDPOINT"),
        DefaultCredentialsProvider.builder().build(),
        integer(env, "OCRBATCH_S3_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS),
        integer(env, "OCRBATCH_DOWNLOAD_THREADS", DEFAULT_DOWNLOAD_THREADS),
        env.getOrDefault("OCRBATCH_BDRC_BUCKET", DEFAULT_BDRC_BUCKET));
  }

  /** Settings for S3- and SQS-compatible servers at the given endpoints (tests, MinIO). */
  public StorageSettings withEndpoints(URI s3, URI sqs, AwsCredentialsProvider credentials) {
    return new StorageSettings(
        region, s3, s3 != null, sqs, credentials, maxAttempts, downloadThreads, bdrcBucket);
  }

  public StorageSettings withBdrcBucket(String bucket) {
    return new StorageSettings(
        region,
        s3Endpoint,
        pathStyle,
        sqsEndpoint,
        credentials,
        maxAttempts,
        downloadThreads,
        bucket);
  }

  private static String first(Map<String, String> env, String... names) {
    for (String name : names) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) return value.strip();
    }
    return null;
  }

  private static URI uri(Map<String, String> env, String name) {
    String value = first(env, name);
    if (value == null) return null;
    URI uri = URI.create(value);
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException(
          name + " must be a URL like http://127.0.0.1:9000, got '" + value + "'");
    }
    return uri;
  }

  private static int integer(Map<String, String> env, String name, int fallback) {
    String value = first(env, name);
    if (value == null) return fallback;
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
    }
  }
}
