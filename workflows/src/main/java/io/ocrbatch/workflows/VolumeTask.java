package io.ocrbatch.workflows;

/** The input of one volume's workflow. */
public record VolumeTask(
    long jobId,
    String jobKey,
    long taskId,
    VolumeRef volume,
    JobTypeSpec jobType,
    String outputRoot,
    int dpi,
    int pagesPerChunk,
    RetrySettings retry) {

  public String workflowId() {
    return jobKey + "/" + volume.volumeId();
  }
}
