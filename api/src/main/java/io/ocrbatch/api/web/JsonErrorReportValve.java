package io.ocrbatch.api.web;

import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.res.StringManager;

/**
 * Tomcat's own error answers (a path it cannot decode, {@code %00}, an encoded {@code ../}) as the
 * API's JSON body instead of Tomcat's HTML page, and without naming the server. A request line or
 * headers over the limit, which Tomcat answers 400, get their own codes: 414 and 431.
 */
public final class JsonErrorReportValve extends ErrorReportValve {
  /** Tomcat's words when a request line or its headers overflow the buffer (400 for both). */
  private static final String TOO_LARGE =
      StringManager.getManager("org.apache.coyote.http11")
          .getString("iib.requestheadertoolarge.error");

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    if (response.getStatus() == 400
        && throwable instanceof IllegalArgumentException
        && TOO_LARGE.equals(throwable.getMessage())) {
      // no URI yet: the request line overflowed; else its headers did
      response.setStatus(request.getCoyoteRequest().requestURI().isNull() ? 414 : 431);
    }
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0) return;
    java.util.concurrent.atomic.AtomicBoolean reported =
        new java.util.concurrent.atomic.AtomicBoolean();
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, reported);
    if (!reported.get() || !response.setErrorReported()) return;
    try {
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      String detail =
          status >= 500
              ? JsonErrors.internalError(request.getMethod(), request.getRequestURI(), throwable)
              : detail(status);
      response.getOutputStream().write(JsonErrors.body(request.getRequestURI(), detail));
      response.finishResponse();
    } catch (IOException | IllegalStateException e) {
      // the client has gone; nothing more to tell it
    }
  }

  static String detail(int status) {
    return switch (status) {
      case 400 ->
          "the request is not valid: its path or headers cannot be decoded (encoded '/', '..', control or NUL characters?)";
      case 404 -> "nothing here";
      case 405 -> "this method is not allowed on this path";
      case 408 -> "the request took too long to arrive";
      case 413 -> "the request is larger than this server accepts";
      case 414 -> "the request URI (path and query) is too long for this server";
      case 431 -> "the request headers are too large for this server";
      default ->
          status >= 500 ? "internal error" : "the request cannot be served (HTTP " + status + ")";
    };
  }
}
