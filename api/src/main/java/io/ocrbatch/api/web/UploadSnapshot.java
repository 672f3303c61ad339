package io.ocrbatch.api.web;

import io.ocrbatch.activities.statusdb.JobRecord;
import io.ocrbatch.activities.statusdb.UploadStore.Upload;
import io.ocrbatch.api.JobView;
import java.nio.file.Path;

/** An upload's job at one moment, with the status words of the upload contract. */
record UploadSnapshot(
    Upload upload,
    JobRecord job,
    JobView view,
    String status,
    Path volume,
    Path outputDir,
    Long taskId) {

  boolean ended() {
    return status.equals("completed") || status.equals("failed") || status.equals("expired");
  }

  /** The job's outcome once it has ended ({@code completed_with_failures}…), else null. */
  String outcome() {
    return view.outcome();
  }

  long failedPages() {
    return view.pages().failed();
  }

  double progress() {
    return status.equals("completed") ? 100.0 : view.pages().percent();
  }

  String message() {
    long done = view.pages().ok() + view.pages().failed();
    return switch (status) {
      case "pending" -> "Waiting for a worker: " + upload.totalPages() + " page(s) queued";
      case "running" -> done + " of " + upload.totalPages() + " pages processed";
      case "completed" ->
          view.pages().failed() > 0
              ? "OCR completed with failures: "
                  + view.pages().failed()
                  + " of "
                  + upload.totalPages()
                  + " page(s) failed (see each page's error)"
              : "OCR completed: " + upload.totalPages() + " page(s)";
      case "expired" -> "Results were removed after the retention period";
      default ->
          job.status().dbName().equals("canceled")
              ? "The job was canceled"
              : "OCR failed: " + lastError();
    };
  }

  String lastError() {
    return view.recentErrors().isEmpty()
        ? "unknown error (see the server log)"
        : view.recentErrors().get(0).error();
  }

  static String statusOf(Upload upload, JobRecord job, JobView view) {
    if (upload.expired()) return "expired";
    return switch (job.status()) {
      case COMPLETED -> "completed";
      case FAILED, CANCELED -> "failed";
      default ->
          view.tasks().running() > 0 || view.pages().ok() + view.pages().failed() > 0
              ? "running"
              : "pending";
    };
  }
}
