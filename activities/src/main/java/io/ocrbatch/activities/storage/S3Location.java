package io.ocrbatch.activities.storage;

/** An S3 object or prefix, written {@code s3://bucket/key}. */
public record S3Location(String bucket, String key) {

  public static boolean isS3(String uri) {
    return uri != null && uri.startsWith("s3://");
  }

  public static S3Location parse(String uri) {
    if (!isS3(uri))
      throw new IllegalArgumentException("not an S3 location (s3://bucket/prefix): '" + uri + "'");
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String key = slash < 0 ? "" : rest.substring(slash + 1);
    if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw new IllegalArgumentException(
          "'" + uri + "' does not name a valid S3 bucket ('" + bucket + "')");
    }
    return new S3Location(bucket, key);
  }

  /** The key as a folder: empty, or ending with one slash. */
  public String prefix() {
    String trimmed = key.replaceAll("/+$", "");
    return trimmed.isEmpty() ? "" : trimmed + "/";
  }

  /** The object or folder {@code name} inside this one. */
  public S3Location child(String name) {
    return new S3Location(bucket, prefix() + name);
  }

  /** The last segment of the key, without a trailing slash. */
  public String name() {
    String trimmed = key.replaceAll("/+$", "");
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key;
  }
}
