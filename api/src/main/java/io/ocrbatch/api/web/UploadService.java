package io.ocrbatch.api.web;

import io.ocrbatch.activities.fault.OrchestrationUnavailableException;
import io.ocrbatch.activities.statusdb.JobRecord;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.api.JobRequest;
import io.ocrbatch.api.JobService;
import io.ocrbatch.workflows.AllowedRoots;
import io.ocrbatch.workflows.JobStatus;
import io.ocrbatch.workflows.JobTypeSpec;
import io.ocrbatch.workflows.VolumeRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/**
 * Turns uploaded files into a one-volume job: checks them, stores them under {@code
 * <data>/uploads/<job id>/}, submits the job. A refused upload leaves nothing behind.
 */
@Service
class UploadService {
  static final int MIN_DPI = 72;
  static final int MAX_DPI = 600;

  private final JobService jobs;
  private final StatusStore store;
  private final ApiSettings settings;

  UploadService(JobService jobs, ApiSettings settings) {
    this.jobs = jobs;
    this.store = jobs.store();
    this.settings = settings;
  }

  /** What a submission created: the job, and what was uploaded. */
  record Accepted(
      JobRecord job, String filename, int totalPages, String model, int dpi, Instant submittedAt) {}

  JobTypeSpec model(String name) {
    return store
        .jobTypes()
        .byName(name == null ? "" : name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Unsupported model '"
                        + name
                        + "'. Available models: "
                        + String.join(
                            ", ",
                            store.jobTypes().list().stream().map(JobTypeSpec::name).toList())));
  }

  Accepted accept(
      List<MultipartFile> files, String modelName, int dpi, int priority, String callbackUrl) {
    JobTypeSpec model = model(modelName);
    if (dpi < MIN_DPI || dpi > MAX_DPI) {
      throw new IllegalArgumentException(
          "dpi must be between " + MIN_DPI + " and " + MAX_DPI + ", not " + dpi);
    }
    List<MultipartFile> given =
        files == null ? List.of() : files.stream().filter(f -> f != null).toList();
    if (given.isEmpty())
      throw new IllegalArgumentException(
          "no file uploaded: send the file as multipart field 'file'");
    String id = UUID.randomUUID().toString();
    Path jobDir = settings.uploadsDir().resolve(id);
    try {
      String firstName = UploadedFile.displayName(given.get(0).getOriginalFilename());
      Path volume = Files.createDirectories(jobDir.resolve(UploadedFile.diskStem(firstName)));
      int pages = store(given, volume);
      if (pages > settings.maxPages()) {
        throw new IllegalArgumentException(
            "the upload has "
                + pages
                + " pages; the limit is "
                + settings.maxPages()
                + " (OCRBATCH_MAX_PAGES)");
      }
      String filename =
          given.size() == 1 ? firstName : firstName + " (+" + (given.size() - 1) + " more)";
      JobRequest request =
          new JobRequest(
                  model.name(),
                  List.of(
                      new VolumeRef(volume.getFileName().toString(), volume.toUri().toString())),
                  id,
                  jobDir.resolve("results").toString(),
                  1,
                  dpi,
                  priority,
                  callbackUrl)
              .confinedTo(new AllowedRoots(List.of(jobDir.toString()), List.of(jobDir.toString())));
      JobService.Submitted submitted;
      try {
        submitted = jobs.submit(request);
      } catch (OrchestrationUnavailableException e) {
        store
            .jobs()
            .byKey(id)
            .ifPresent(j -> store.jobs().markFinished(j.id(), JobStatus.CANCELED));
        throw e;
      }
      store
          .uploads()
          .record(submitted.job().id(), filename, jobDir.toString(), pages, dpi, model.name());
      return new Accepted(submitted.job(), filename, pages, model.name(), dpi, Instant.now());
    } catch (IOException e) {
      deleteQuietly(jobDir);
      throw new UncheckedIOException("cannot store the upload: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteQuietly(jobDir);
      throw e;
    }
  }

  /**
   * Stores the files in upload order (numbered so the volume's natural order keeps it); returns the
   * pages.
   */
  private static int store(List<MultipartFile> files, Path volume) throws IOException {
    int pages = 0;
    for (int i = 0; i < files.size(); i++) {
      MultipartFile part = files.get(i);
      String name = UploadedFile.displayName(part.getOriginalFilename());
      Path received = volume.resolve(".receiving-" + i);
      part.transferTo(received);
      UploadedFile file = UploadedFile.inspect(name, received);
      String stored =
          (files.size() > 1 ? String.format("%04d-", i + 1) : "")
              + UploadedFile.diskStem(name)
              + "."
              + file.extension();
      Files.move(received, volume.resolve(stored));
      pages += file.pages();
    }
    return pages;
  }

  static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) return;
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList())
        Files.deleteIfExists(p);
    } catch (IOException e) {
      org.slf4j.LoggerFactory.getLogger(UploadService.class)
          .warn("Could not remove {}: {}", dir, e.getMessage());
    }
  }

  /** The pages of an upload's volume folder, in the order they were OCRed. */
  static List<String> pageNames(Path volume) {
    try {
      return io.ocrbatch.activities.image.PageImages.pages(volume);
    } catch (IOException e) {
      return new ArrayList<>();
    }
  }
}
