package io.ocrbatch.api.web;

/**
 * What the request names exists but cannot be processed, however often it is asked for (a page
 * image over the pixel limit): HTTP 422, not a 503 a client would retry for ever.
 */
final class UnprocessableException extends RuntimeException {
  UnprocessableException(String message, Throwable cause) {
    super(message, cause);
  }
}
