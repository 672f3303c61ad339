package io.ocrbatch.api.web;

import io.ocrbatch.api.ApiJson;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * Writes the API's error body, {@code {"detail": "..."}}, where no controller advice reaches
 * (filters, the error page).
 */
final class JsonErrors {
  private JsonErrors() {}

  static void write(HttpServletResponse response, int status, String detail) throws IOException {
    if (response.isCommitted()) return;
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(body(detail));
    response.flushBuffer();
  }

  static byte[] body(String detail) {
    try {
      return ApiJson.MAPPER.writeValueAsBytes(Map.of("detail", detail));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
