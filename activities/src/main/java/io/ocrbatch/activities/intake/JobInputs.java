package io.ocrbatch.activities.intake;

import io.ocrbatch.activities.fault.BadInputException;
import io.ocrbatch.activities.fault.UserInput;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.storage.S3Location;
import io.ocrbatch.workflows.JobTypeSpec;
import java.nio.file.Path;
import java.util.Optional;

/** The checks every way of adding work shares (API, SQS, CLI): job type, priority, output root. */
public final class JobInputs {
  /** The priority of a job that names none; 1 is the most urgent. */
  public static final int DEFAULT_PRIORITY = 3;

  /** The image's own dpi, else 300 ({@link io.ocrbatch.activities.image.ImageResolution}). */
  public static final int DEFAULT_DPI = io.ocrbatch.activities.image.ImageResolution.FROM_IMAGE;

  /**
   * Volumes a job runs at once unless told otherwise: enough that one-page volumes, whose start and
   * end cost about what their page does, keep some 16 OCR slots busy; volumes of many pages keep 8
   * slots each busy with their chunks. More workers want more (signal {@code setConcurrency}).
   */
  public static final int DEFAULT_CONCURRENCY = 32;

  /** Pages an OCR activity takes at once. */
  public static final int PAGES_PER_CHUNK = 10;

  private JobInputs() {}

  /** The job type by name or id, or an error listing the ones there are. */
  public static JobTypeSpec jobType(StatusStore store, String nameOrId) {
    Optional<JobTypeSpec> type =
        nameOrId.matches("\\d+")
            ? store.jobTypes().byId(Long.parseLong(nameOrId))
            : store.jobTypes().byName(nameOrId);
    return type.orElseThrow(
        () ->
            new BadInputException(
                "unknown job type "
                    + UserInput.quote(nameOrId)
                    + "; available: "
                    + store.jobTypes().list().stream().map(t -> t.id() + " " + t.name()).toList()));
  }

  public static int priority(int priority) {
    if (priority < 1 || priority > 5)
      throw new BadInputException("priority must be between 1 (most urgent) and 5");
    return priority;
  }

  /** A local folder made absolute, or an {@code s3://bucket/prefix} checked and kept. */
  public static String outputRoot(String given) {
    if (given == null || given.isBlank())
      throw new BadInputException("an output folder or s3:// prefix is required");
    try {
      if (S3Location.isS3(given)) {
        S3Location location = S3Location.parse(given);
        return new S3Location(location.bucket(), location.prefix()).toString().replaceAll("/$", "");
      }
      return Path.of(given).toAbsolutePath().normalize().toString();
    } catch (IllegalArgumentException e) { // a malformed bucket or path
      throw new BadInputException(e.getMessage(), e);
    }
  }
}
