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

  public String workflowId() {
    return jobKey + "/" + volume.volumeId();
  }
}
