package io.ocrbatch.api.web;

import io.ocrbatch.activities.fault.BadInputException;
import io.ocrbatch.api.web.OcrBodies.OcrNoResult;
import io.ocrbatch.api.web.OcrBodies.OcrResult;
import io.ocrbatch.api.web.OcrBodies.OcrStatus;
import io.ocrbatch.api.web.OcrBodies.OcrSubmitted;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The upload-and-OCR contract existing clients speak: field names and status codes are fixed. */
@RestController
@RequestMapping("/ocr")
@Tag(name = "ocr", description = "Upload a PDF or image, follow it, fetch the recognised text")
class OcrController {
  /** Most pages in one page of a result ({@code limit}). */
  static final int MAX_RESULT_PAGES = 100;

  private final UploadService uploads;
  private final UploadResults results;
  private final ProgressStreams streams;
  private final UploadFormats formats;

  OcrController(
      UploadService uploads,
      UploadResults results,
      ProgressStreams streams,
      UploadFormats formats) {
    this.uploads = uploads;
    this.results = results;
    this.streams = streams;
    this.formats = formats;
  }

  @Operation(summary = "Upload a PDF, PNG, JPEG or TIFF and start OCR; returns at once")
  @PostMapping(value = "/submit", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  OcrSubmitted submit(
      @RequestPart(value = "file", required = false) List<MultipartFile> file,
      @RequestParam(defaultValue = "200") int dpi,
      @RequestParam(defaultValue = "tesseract-eng") String model) {
    UploadService.Accepted a = uploads.accept(file, model, dpi, 3, null);
    return new OcrSubmitted(
        true,
        a.job().jobKey(),
        a.filename(),
        a.totalPages(),
        a.model(),
        a.dpi(),
        "Submitted "
            + a.totalPages()
            + " page(s) for OCR with "
            + a.model()
            + " at "
            + a.dpi()
            + " dpi",
        UploadResults.timestamp(a.submittedAt()));
  }

  @Operation(
      summary =
          "Server-Sent Events: status…, then result | error | timeout, then close; 204 to a"
              + " reconnection after close")
  @GetMapping(value = "/stream/{jobId}", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  ResponseEntity<SseEmitter> stream(
      @PathVariable String jobId,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
      @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId) {
    if (ProgressStreams.CLOSED_ID.equals(lastEventId)) return ResponseEntity.noContent().build();
    boolean eventSource = accept != null && accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE);
    return ResponseEntity.ok(streams.ocrStream(jobId, eventSource));
  }

  @Operation(summary = "pending | running | completed | failed | expired, with progress in percent")
  @GetMapping("/status/{jobId}")
  OcrStatus status(@PathVariable String jobId) {
    return results.status(results.snapshot(jobId));
  }

  @Operation(summary = "Recognised lines per page (200), 202 while running, 404 once expired")
  @ApiResponse(
      responseCode = "200",
      description = "The job ended: its pages",
      content = @Content(schema = @Schema(implementation = OcrResult.class)))
  @ApiResponse(
      responseCode = "202",
      description = "Still running",
      content = @Content(schema = @Schema(implementation = OcrNoResult.class)))
  @ApiResponse(
      responseCode = "404",
      description =
          "The results expired and were removed (an unknown job: 404 with success false and detail)",
      content = @Content(schema = @Schema(implementation = OcrNoResult.class)))
  @GetMapping("/result/{jobId}")
  ResponseEntity<?> result(
      @PathVariable String jobId,
      @RequestParam(defaultValue = "false") boolean annotate,
      @io.swagger.v3.oas.annotations.Parameter(
              description =
                  "page | alto | hocr | txt | md | pdf: the result in that format instead (one"
                      + " page's file, or a zip of every page's; pdf: the whole upload)")
          @RequestParam(required = false)
          String format,
      @io.swagger.v3.oas.annotations.Parameter(description = "with format: only page N (from 0)")
          @RequestParam(required = false)
          Integer page,
      @io.swagger.v3.oas.annotations.Parameter(
              description = "JSON: the first page in results (from 0; default 0)")
          @RequestParam(defaultValue = "0")
          int offset,
      @io.swagger.v3.oas.annotations.Parameter(
              description =
                  "JSON: at most this many pages in results, from offset (1-"
                      + MAX_RESULT_PAGES
                      + "; default: every page)")
          @RequestParam(required = false)
          Integer limit)
      throws IOException {
    if (format != null && !format.equals("json")) return inFormat(jobId, format, page);
    if (offset < 0) throw new BadInputException("offset must be 0 or more, got " + offset);
    if (limit != null && (limit < 1 || limit > MAX_RESULT_PAGES))
      throw new BadInputException("limit must be 1-" + MAX_RESULT_PAGES + " pages, got " + limit);
    UploadSnapshot s = results.snapshot(jobId);
    return switch (s.status()) {
      case "expired" ->
          ResponseEntity.status(HttpStatus.NOT_FOUND)
              .body(
                  results.noResult(
                      s, "the results of job '" + jobId + "' expired and were removed"));
      case "pending", "running" ->
          ResponseEntity.status(HttpStatus.ACCEPTED).body(results.noResult(s, null));
      default ->
          ResponseEntity.ok(
              results.result(s, annotate, offset, limit == null ? Integer.MAX_VALUE : limit));
    };
  }

  @Operation(summary = "The recognised text as Markdown, a section per page")
  @GetMapping(value = "/result/{jobId}/markdown", produces = "text/markdown;charset=UTF-8")
  ResponseEntity<String> markdown(@PathVariable String jobId) {
    UploadSnapshot s = finished(jobId);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("text/markdown;charset=UTF-8"))
        .body(results.markdown(s));
  }

  @Operation(
      summary = "Page N (from 0) as PNG, as the engine saw it; annotate=true draws the line boxes")
  @GetMapping(value = "/result/{jobId}/pages/{page}/image", produces = MediaType.IMAGE_PNG_VALUE)
  byte[] pageImage(
      @PathVariable String jobId,
      @PathVariable int page,
      @RequestParam(defaultValue = "false") boolean annotate) {
    UploadSnapshot s = results.snapshot(jobId);
    if (s.status().equals("expired"))
      throw new NotFoundException("the results of job '" + jobId + "' expired and were removed");
    return results.pageImage(s, page, annotate);
  }

  @Operation(
      summary =
          "All result files (every format the job type writes, manifest) and the Markdown, zipped")
  @GetMapping(value = "/result/{jobId}/download", produces = "application/zip")
  void download(@PathVariable String jobId, HttpServletResponse response) throws IOException {
    UploadSnapshot s = finished(jobId);
    response.setContentType("application/zip");
    response.setHeader("Content-Disposition", "attachment; filename=\"ocr-" + jobId + ".zip\"");
    results.zip(s, response.getOutputStream());
  }

  private ResponseEntity<byte[]> inFormat(String jobId, String format, Integer page)
      throws IOException {
    UploadSnapshot s = finished(jobId);
    if (format.equals(io.ocrbatch.activities.output.format.PageWriters.PDF)) {
      java.io.ByteArrayOutputStream pdf = new java.io.ByteArrayOutputStream();
      formats.pdf(s, pdf);
      return file(pdf.toByteArray(), "application/pdf", "ocr-" + jobId + ".pdf");
    }
    UploadFormats.Served served = formats.pageFormat(s, format, page);
    return file(served.content(), served.contentType(), served.fileName());
  }

  private static ResponseEntity<byte[]> file(byte[] content, String type, String name) {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(type))
        .header("Content-Disposition", "inline; filename=\"" + name + "\"")
        .body(content);
  }

  @Operation(summary = "The upload as a searchable PDF: each page's image under its invisible text")
  @GetMapping(value = "/result/{jobId}/pdf", produces = "application/pdf")
  void pdf(@PathVariable String jobId, HttpServletResponse response) throws IOException {
    UploadSnapshot s = finished(jobId);
    response.setContentType("application/pdf");
    response.setHeader("Content-Disposition", "inline; filename=\"ocr-" + jobId + ".pdf\"");
    formats.pdf(s, response.getOutputStream());
  }

  private UploadSnapshot finished(String jobId) {
    UploadSnapshot s = results.snapshot(jobId);
    if (s.status().equals("expired"))
      throw new NotFoundException("the results of job '" + jobId + "' expired and were removed");
    if (!s.ended())
      throw new io.ocrbatch.activities.fault.ConflictException(
          "job '" + jobId + "' is still " + s.status() + "; results come when it completes");
    return s;
  }
}
