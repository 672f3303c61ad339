package io.ocrbatch.activities.image;

/** A page image that cannot be OCRed whatever is retried: corrupt, unsupported or too large. */
public class BadImageException extends Exception {
  public BadImageException(String message) {
    super(message);
  }

  public BadImageException(String message, Throwable cause) {
    super(message, cause);
  }
}
