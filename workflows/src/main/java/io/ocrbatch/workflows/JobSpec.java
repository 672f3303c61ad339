package io.ocrbatch.workflows;

/**
 * Everything a job's workflow needs besides its volumes, which it reads from the status store in
 * pages (claim-check: a 100,000-volume list never travels in a Temporal payload).
 */
public record JobSpec(
    long jobId,
    String jobKey,
    JobTypeSpec jobType,
    String outputRoot,
    int concurrency,
    int dpi,
    int pagesPerChunk,
    RetrySettings retry) {

  public VolumeTask taskFor(TaskRef task) {
    return new VolumeTask(
        jobId, jobKey, task.taskId(), task.volume(), jobType, outputRoot, dpi, pagesPerChunk, retry);
  }
}
