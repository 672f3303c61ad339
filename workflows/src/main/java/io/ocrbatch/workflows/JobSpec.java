package io.ocrbatch.workflows;

/**
 * Everything a job's workflow needs besides its volumes, which it reads from the status store in
 * pages (claim-check: a 100,000-volume list never travels in a Temporal payload).
 *
 * <p>{@code childrenPerRun}: children started before the workflow continues as new (0: 2,000; each
 * costs about ten history events, which keeps a run far below Temporal's 51,200-event limit).
 *
 * <p>{@code intake}: a rolling job (SQS intake) that waits for more volumes ({@code volumesAdded})
 * when it has run out of tasks, instead of ending; it ends when canceled.
 *
 * <p>{@code roots}: where a job submitted over HTTP may read and write; null (not confined) for
 * jobs of the server's own user and for runs recorded before it existed.
 */
public record JobSpec(
    long jobId,
    String jobKey,
    JobTypeSpec jobType,
    String outputRoot,
    int concurrency,
    int dpi,
    int pagesPerChunk,
    RetrySettings retry,
    int childrenPerRun,
    boolean intake,
    AllowedRoots roots) {

  public JobSpec(
      long jobId,
      String jobKey,
      JobTypeSpec jobType,
      String outputRoot,
      int concurrency,
      int dpi,
      int pagesPerChunk,
      RetrySettings retry,
      int childrenPerRun) {
    this(
        jobId,
        jobKey,
        jobType,
        outputRoot,
        concurrency,
        dpi,
        pagesPerChunk,
        retry,
        childrenPerRun,
        false,
        null);
  }

  /**
   * Children started before continuing as new, when {@link #childrenPerRun} is 0 (runs recorded
   * before {@code JobVersions.LONGER_RUNS} used {@link #FORMER_CHILDREN_PER_RUN}). A run ends by
   * letting its last children finish: the longer the run, the smaller that tail's share.
   */
  public static final int DEFAULT_CHILDREN_PER_RUN = 2_000;

  public static final int FORMER_CHILDREN_PER_RUN = 500;

  public int childrenPerRunOr(int defaultChildren) {
    return childrenPerRun > 0 ? childrenPerRun : defaultChildren;
  }

  public VolumeTask taskFor(TaskRef task) {
    return new VolumeTask(
        jobId,
        jobKey,
        task.taskId(),
        task.volume(),
        jobType,
        outputRoot,
        dpi,
        pagesPerChunk,
        retry,
        roots);
  }
}
