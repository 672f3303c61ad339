package io.ocrbatch.api.web;

import io.ocrbatch.activities.fault.BackendUnavailableException;
import io.ocrbatch.activities.fault.ConflictException;
import io.ocrbatch.activities.fault.UserInput;
import io.ocrbatch.api.access.ForbiddenException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.HandlerMapping;

/** Every error as {@code {"detail": "..."}} with the status that says whose fault it is. */
@RestControllerAdvice
class ApiErrors {
  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  /** What a 503 asks a client to wait before trying again. */
  static final long RETRY_AFTER_SECONDS = 10;

  private final ApiSettings settings;

  ApiErrors(ApiSettings settings) {
    this.settings = settings;
  }

  static ResponseEntity<Map<String, Object>> error(HttpStatus status, String path, String detail) {
    return ResponseEntity.status(status)
        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
        .body(JsonErrors.fields(path, detail));
  }

  /** An error answer to a request; JSON even on endpoints that produce SSE or PNG. */
  private ResponseEntity<Map<String, Object>> error(
      HttpServletRequest request, HttpStatus status, String detail) {
    request.removeAttribute(HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE);
    return error(
        status,
        request.getRequestURI(),
        withoutServerPaths(detail == null ? status.getReasonPhrase() : detail));
  }

  /**
   * The last line of defence for a message that names a file the server keeps (an upload being
   * received, say): the path becomes the file's name, which the client knows. Messages are meant to
   * name files that way at their source.
   */
  private String withoutServerPaths(String detail) {
    for (java.nio.file.Path own :
        java.util.List.of(settings.uploadsDir(), settings.dataDir().resolve("tmp"))) {
      java.util.regex.Matcher path =
          java.util.regex.Pattern.compile(
                  java.util.regex.Pattern.quote(own.toString()) + "[^\\s'\":,;)]*")
              .matcher(detail);
      detail =
          path.replaceAll(
              m ->
                  java.util.regex.Matcher.quoteReplacement(
                      m.group().substring(m.group().lastIndexOf('/') + 1)));
    }
    return detail;
  }

  @ExceptionHandler({
    IllegalArgumentException.class,
    MissingServletRequestParameterException.class,
    MissingServletRequestPartException.class
  })
  ResponseEntity<Map<String, Object>> badRequest(Exception e, HttpServletRequest request) {
    return error(request, HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> badParameter(
      MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    Class<?> type = e.getRequiredType();
    String expected =
        type == int.class || type == Integer.class || type == long.class || type == Long.class
            ? "a whole number"
            : type == boolean.class || type == Boolean.class ? "true or false" : "a valid value";
    String given = e.getValue() == null ? "nothing" : UserInput.quote(String.valueOf(e.getValue()));
    return error(
        request,
        HttpStatus.BAD_REQUEST,
        "parameter '" + e.getName() + "' must be " + expected + ", got " + given);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadableBody(
      HttpMessageNotReadableException e, HttpServletRequest request) {
    return error(
        request,
        HttpStatus.BAD_REQUEST,
        "request body is not valid JSON for this endpoint: " + JsonProblems.describe(e));
  }

  @ExceptionHandler(ForbiddenException.class)
  ResponseEntity<Map<String, Object>> forbidden(ForbiddenException e, HttpServletRequest request) {
    return error(request, HttpStatus.FORBIDDEN, e.getMessage());
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, Object>> unsupportedMedia(
      HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
    return error(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage());
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<Map<String, Object>> notFound(NotFoundException e, HttpServletRequest request) {
    return error(request, HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(UnprocessableException.class)
  ResponseEntity<Map<String, Object>> unprocessable(
      UnprocessableException e, HttpServletRequest request) {
    return error(request, HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
  }

  @ExceptionHandler(ConflictException.class)
  ResponseEntity<Map<String, Object>> conflict(ConflictException e, HttpServletRequest request) {
    return error(request, HttpStatus.CONFLICT, e.getMessage());
  }

  /**
   * A backend that is away (Temporal, the database, storage): never the client's fault, worth
   * retrying.
   */
  @ExceptionHandler(BackendUnavailableException.class)
  ResponseEntity<Map<String, Object>> unavailable(RuntimeException e, HttpServletRequest request) {
    log.warn("{}", e.getMessage());
    ResponseEntity<Map<String, Object>> answer =
        error(request, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage() + "; try again later");
    return ResponseEntity.status(answer.getStatusCode())
        .headers(answer.getHeaders())
        .header(
            org.springframework.http.HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS))
        .body(answer.getBody());
  }

  @ExceptionHandler(io.ocrbatch.activities.storage.StorageAccessException.class)
  ResponseEntity<Map<String, Object>> storageUnusable(
      RuntimeException e, HttpServletRequest request) {
    return error(request, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<Map<String, Object>> tooLarge(
      MaxUploadSizeExceededException e, HttpServletRequest request) {
    if (rootMessage(e)
        .toLowerCase(java.util.Locale.ROOT)
        .contains("header")) { // Spring calls every "exceeded" a size problem
      return error(
          request,
          HttpStatus.BAD_REQUEST,
          "a part of the upload has headers over "
              + ApiServer.MAX_PART_HEADER_BYTES
              + " bytes: is a file name that long? Shorten it");
    }
    return error(
        request,
        HttpStatus.PAYLOAD_TOO_LARGE,
        "upload is larger than the limit of "
            + settings.maxUploadBytes() / (1024 * 1024)
            + " MB (OCRBATCH_MAX_UPLOAD_MB)");
  }

  @ExceptionHandler(MultipartException.class)
  ResponseEntity<Map<String, Object>> badMultipart(
      MultipartException e, HttpServletRequest request) {
    return error(
        request,
        HttpStatus.BAD_REQUEST,
        "cannot read the multipart upload: "
            + rootMessage(e).replaceAll("\\p{Cntrl}", "?")); // a NUL in a file name, say
  }

  /**
   * The client went away mid-answer (a browser leaving a page of results drops its image loads):
   * nothing to answer, nothing wrong here.
   */
  @ExceptionHandler(
      org.springframework.web.context.request.async.AsyncRequestNotUsableException.class)
  void clientGone(Exception e, HttpServletRequest request) {
    log.debug(
        "Client went away during {} {}: {}",
        request.getMethod(),
        request.getRequestURI(),
        e.toString());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, Object>> unexpected(Exception e, HttpServletRequest request) {
    if (e instanceof org.springframework.web.ErrorResponse response) {
      return error(
          request,
          HttpStatus.valueOf(response.getStatusCode().value()),
          response.getBody().getDetail());
    }
    return error(
        request,
        HttpStatus.INTERNAL_SERVER_ERROR,
        JsonErrors.internalError(request.getMethod(), request.getRequestURI(), e));
  }

  static String rootMessage(Throwable e) {
    return io.ocrbatch.activities.fault.RootCause.message(e);
  }
}
