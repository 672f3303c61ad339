package io.ocrbatch.api.files;

import io.ocrbatch.activities.fault.BadInputException;
import io.ocrbatch.activities.statusdb.FileRegistry;
import io.ocrbatch.activities.statusdb.FileRow;
import io.ocrbatch.activities.statusdb.FileStats;
import io.ocrbatch.api.JobService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The file registry of drop folders and bulk ingests, from the database. */
@RestController
@RequestMapping("/api/files")
@Tag(name = "files", description = "Drop folders and bulk ingest: the file registry")
class FilesController {
  private static final int MAX_LIMIT = 1000;
  private final FileRegistry files;

  FilesController(JobService jobs) {
    this.files = jobs.store().files();
  }

  @Operation(summary = "Files by status, overall and per publisher")
  @GetMapping("/stats")
  FileStats stats() {
    return files.stats();
  }

  @Operation(summary = "Registered files, newest first, by publisher and status")
  @GetMapping
  List<FileRow> list(
      @RequestParam(required = false) String publisher,
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "100") int limit) {
    if (status != null && !status.isBlank() && !FileStats.STATUSES.contains(status))
      throw new BadInputException(
          "status " + status + " is not one of " + String.join(", ", FileStats.STATUSES));
    if (limit < 1 || limit > MAX_LIMIT)
      throw new BadInputException("limit must be between 1 and " + MAX_LIMIT);
    return files.list(blankToNull(publisher), blankToNull(status), limit);
  }

  @Operation(summary = "Put failed files (of a publisher) back to pending, with fresh retries")
  @PostMapping("/reset-failed")
  Map<String, Object> resetFailed(@RequestParam(required = false) String publisher) {
    int reset = files.resetFailed(blankToNull(publisher));
    return Map.of("reset", reset, "message", "Reset " + reset + " failed file(s) to pending");
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
