package io.ocrbatch.workflows;

/**
 * The input of one volume's workflow. {@code roots}: where it may read and write (null: not
 * confined; see {@link AllowedRoots}).
 */
public record VolumeTask(
    long jobId,
    String jobKey,
    long taskId,
    VolumeRef volume,
    JobTypeSpec jobType,
    String outputRoot,
    int dpi,
    int pagesPerChunk,
    RetrySettings retry,
    AllowedRoots roots) {

  public VolumeTask(
      long jobId,
      String jobKey,
      long taskId,
      VolumeRef volume,
      JobTypeSpec jobType,
      String outputRoot,
      int dpi,
      int pagesPerChunk,
      RetrySettings retry) {
    this(jobId, jobKey, taskId, volume, jobType, outputRoot, dpi, pagesPerChunk, retry, null);
  }

  public String workflowId() {
    return jobKey + "/" + volume.volumeId();
  }
}
