package io.ocrbatch.api;

import io.ocrbatch.workflows.VolumeRef;
import java.util.List;

/**
 * A request to OCR volumes with a job type.
 *
 * @param jobType a job type's name or numeric id
 * @param jobKey the caller's key, or null to derive one from the day and the volumes
 */
public record JobRequest(
    String jobType, List<VolumeRef> volumes, String jobKey, String outputRoot, int concurrency, int dpi) {

  public static final int DEFAULT_DPI = 300;
  public static final int DEFAULT_CONCURRENCY = 4;
}
