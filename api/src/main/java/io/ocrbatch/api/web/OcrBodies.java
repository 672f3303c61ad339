package io.ocrbatch.api.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * The JSON bodies of the upload contract ({@code /ocr/*}), as records so that {@code /v3/api-docs}
 * describes them field by field, named as on the wire (snake_case). Existing clients parse these:
 * names and meanings are fixed, fields are only ever added.
 */
final class OcrBodies {
  private OcrBodies() {}

  static final String TIMESTAMP =
      "UTC with milliseconds and Z, e.g. 2026-12-02T17:03:29.120Z (strptime '%Y-%m-%dT%H:%M:%S.%fZ')";
  static final String STATUS = "pending | running | completed | failed | expired";
  static final String OUTCOME =
      "once ended: completed | completed_with_failures (some pages failed: see failed_pages and"
          + " each page's error) | failed (every page failed, or the upload could not be read) |"
          + " canceled; null before";
  static final String FAILED_PAGES =
      "pages that failed so far (each page's error is in /ocr/result)";

  @Schema(description = "An accepted upload; OCR runs in the background")
  record OcrSubmitted(
      boolean success,
      String jobId,
      @Schema(description = "the file's name as uploaded (Unicode, NFC)") String filename,
      int totalPages,
      String model,
      int dpi,
      String message,
      @Schema(description = TIMESTAMP) String submittedAt) {}

  record OcrStatus(
      String jobId,
      @Schema(description = STATUS) String status,
      @Schema(description = "percent of pages done") double progress,
      String message,
      @Schema(description = OUTCOME) String outcome,
      @Schema(description = FAILED_PAGES) long failedPages) {}

  @Schema(description = "No result (yet): 202 while the job runs, 404 once its results expired")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record OcrNoResult(
      boolean success,
      String jobId,
      @Schema(description = STATUS) String status,
      double progress,
      String message,
      @Schema(description = "why there is no result (404 only)") String detail) {}

  record OcrLine(
      @Schema(description = "[x1, y1, x2, y2] in pixels of the page as the engine saw it")
          List<Number> bbox,
      @Schema(description = "always Text") String category,
      String text,
      @Schema(description = "0-100") Number confidence) {}

  @Schema(
      description =
          "One page: its lines (status success), or why it was not recognised (status failed, error)")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record OcrPage(
      @Schema(description = "success | failed") String status,
      List<OcrLine> data,
      String text,
      Number width,
      Number height,
      String error,
      @Schema(description = "the page's image: file, and #n for a page of a PDF or TIFF")
          String image) {}

  record OcrMetadata(String filename, int dpi) {}

  @Schema(description = "The recognised text, per page in reading order (page_0, page_1, …)")
  record OcrResult(
      boolean success,
      String jobId,
      @Schema(description = STATUS) String status,
      String filename,
      int totalPages,
      int dpi,
      String model,
      OcrMetadata metadata,
      Map<String, OcrPage> results,
      @Schema(description = "with annotate=true: each page as PNG with its line boxes, base64")
          List<String> annotatedImages,
      String message,
      @Schema(description = TIMESTAMP) String completedAt,
      @Schema(description = OUTCOME) String outcome,
      @Schema(description = FAILED_PAGES) long failedPages) {}

  /** {@code /ocr/stream} event data, field order as documented. */
  record OcrStatusEvent(
      String status,
      String jobId,
      double progress,
      @Schema(description = "whole seconds since the upload") long elapsed,
      @Schema(description = FAILED_PAGES) long failedPages) {}

  record OcrErrorEvent(String status, String jobId, String error) {
    OcrErrorEvent(String jobId, String error) {
      this("error", jobId, error);
    }
  }

  record OcrTimeoutEvent(String status, String jobId, String message) {}

  record OcrCloseEvent(String message) {}
}
