package io.ocrbatch.api.web;

/** The named job, job type or page does not exist (HTTP 404). */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }
}
