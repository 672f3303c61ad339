package io.ocrbatch.api;

import io.ocrbatch.workflows.AllowedRoots;
import io.ocrbatch.workflows.VolumeRef;
import java.util.List;

/**
 * A request to OCR volumes with a job type.
 *
 * @param jobType a job type's name or numeric id
 * @param jobKey the caller's key, or null to derive one from the day and the volumes
 * @param priority 1 (most urgent) to 5; Temporal's priority key for the job's work
 * @param callbackUrl an http(s) URL told (POST, the job as JSON) when the job ends, or null
 * @param outputRoot a local folder or an {@code s3://bucket/prefix}
 * @param force redo volumes and pages whose results exist already
 * @param roots where the job may read and write (a request over HTTP), or null: not confined
 */
public record JobRequest(
    String jobType,
    List<VolumeRef> volumes,
    String jobKey,
    String outputRoot,
    int concurrency,
    int dpi,
    int priority,
    String callbackUrl,
    boolean force,
    AllowedRoots roots) {

  public static final int DEFAULT_DPI = io.ocrbatch.activities.intake.JobInputs.DEFAULT_DPI;
  public static final int DEFAULT_CONCURRENCY =
      io.ocrbatch.activities.intake.JobInputs.DEFAULT_CONCURRENCY;
  public static final int DEFAULT_PRIORITY =
      io.ocrbatch.activities.intake.JobInputs.DEFAULT_PRIORITY;

  public JobRequest(
      String jobType,
      List<VolumeRef> volumes,
      String jobKey,
      String outputRoot,
      int concurrency,
      int dpi,
      int priority,
      String callbackUrl,
      boolean force) {
    this(
        jobType, volumes, jobKey, outputRoot, concurrency, dpi, priority, callbackUrl, force, null);
  }

  /** The same request, confined to {@code allowed}. */
  public JobRequest confinedTo(AllowedRoots allowed) {
    return new JobRequest(
        jobType,
        volumes,
        jobKey,
        outputRoot,
        concurrency,
        dpi,
        priority,
        callbackUrl,
        force,
        allowed);
  }

  public JobRequest(
      String jobType,
      List<VolumeRef> volumes,
      String jobKey,
      String outputRoot,
      int concurrency,
      int dpi) {
    this(jobType, volumes, jobKey, outputRoot, concurrency, dpi, DEFAULT_PRIORITY, null, false);
  }

  public JobRequest(
      String jobType,
      List<VolumeRef> volumes,
      String jobKey,
      String outputRoot,
      int concurrency,
      int dpi,
      int priority,
      String callbackUrl) {
    this(jobType, volumes, jobKey, outputRoot, concurrency, dpi, priority, callbackUrl, false);
  }
}
