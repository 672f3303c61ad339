package io.ocrbatch.activities.registry;

import io.ocrbatch.activities.fault.BadInputException;
import io.ocrbatch.activities.fault.UserInput;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Pipeline job ids and step names: both become file names ({@code job_registry/{job_id}.json}), so
 * both are checked.
 */
public final class PipelineNames {
  public static final String SOURCE = "source";
  public static final String OCR = "ocr";
  public static final String SYNC_OCR = "sync_ocr";

  private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");
  private static final Pattern STEP = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
  private static final DateTimeFormatter NEW_JOB_ID =
      DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss").withZone(ZoneOffset.UTC);

  private PipelineNames() {}

  /** The id of a pipeline job started at this time without an OCR job key: 2026-01-01_21-45-14. */
  public static String newJobId(Instant at) {
    return NEW_JOB_ID.format(at);
  }

  public static String checkJobId(String jobId) {
    if (jobId == null || !JOB_ID.matcher(jobId).matches() || jobId.equals("latest")) {
      throw new BadInputException(
          "pipeline job id must be letters, digits, '.', '_', ':' or '-' (not 'latest'), got "
              + UserInput.quote(jobId));
    }
    return jobId;
  }

  public static String checkStep(String step) {
    if (step == null || !STEP.matcher(step).matches()) {
      throw new BadInputException(
          "step name must be lower-case letters, digits, '.', '_' or '-' (at most 64), got "
              + UserInput.quote(step));
    }
    return step;
  }
}
