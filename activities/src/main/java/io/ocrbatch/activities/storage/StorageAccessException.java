package io.ocrbatch.activities.storage;

/**
 * S3 cannot be used as configured (no credentials, access denied): a setup problem, not retried.
 * The message is the whole story; the SDK's 1,500-character chain is deliberately not kept.
 */
public final class StorageAccessException extends RuntimeException {
  public StorageAccessException(String message) {
    super(message);
  }
}
