package io.ocrbatch.api.access;

/** A request the server understood and refuses to carry out for this client (HTTP 403). */
public final class ForbiddenException extends RuntimeException {
  public ForbiddenException(String message) {
    super(message);
  }
}
