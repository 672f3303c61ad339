package io.ocrbatch.api.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page the servlet container forwards to (a status set with {@code sendError} outside any
 * controller): the same {@code {"detail": ...}} body as every other error, never a stack trace, an
 * exception's type or a server path.
 */
@io.swagger.v3.oas.annotations.Hidden // the container's, not part of the API
@RestController
class ErrorPage implements ErrorController {
  @RequestMapping("/error")
  ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i && i >= 400 ? i : 404;
    Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String uri = path instanceof String p ? p : request.getRequestURI();
    String detail =
        status >= 500
            ? JsonErrors.internalError(
                request.getMethod(),
                uri,
                (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION))
            : JsonErrorReportValve.detail(status);
    return ApiErrors.error(HttpStatus.valueOf(status), uri, detail);
  }
}
