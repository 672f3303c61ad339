package io.ocrbatch.api.web;

import io.ocrbatch.api.ApiJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's error body, {@code {"detail": "..."}}, written by every layer that answers an error
 * (controller advice, filters, the error page, Tomcat's valve). Answers under {@code /ocr/} also
 * say {@code "success": false}, as the upload contract's other answers without results do.
 */
final class JsonErrors {
  private static final Logger log = LoggerFactory.getLogger(JsonErrors.class);
  static final int MAX_DETAIL = 2000;

  private JsonErrors() {}

  /** The body's fields for an error answering {@code path}. */
  static Map<String, Object> fields(String path, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (path != null && path.startsWith("/ocr/")) body.put("success", false);
    body.put(
        "detail", detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "…");
    return body;
  }

  static void write(
      HttpServletRequest request, HttpServletResponse response, int status, String detail)
      throws IOException {
    if (response.isCommitted()) return;
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(body(request.getRequestURI(), detail));
    response.flushBuffer();
  }

  static byte[] body(String path, String detail) {
    try {
      return ApiJson.MAPPER.writeValueAsBytes(fields(path, detail));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * What a 500 tells the client: a reference to the log line that has the details, which this logs
   * with the failure.
   */
  static String internalError(String method, String path, Throwable failure) {
    String reference = UUID.randomUUID().toString().substring(0, 8);
    if (failure == null)
      log.error("Unexpected error serving {} {} (reference {})", method, path, reference);
    else
      log.error("Unexpected error serving {} {} (reference {})", method, path, reference, failure);
    return "internal error; the server's log has the details (reference " + reference + ")";
  }
}
