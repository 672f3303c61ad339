package io.ocrbatch.workflows;

/**
 * A job workflow's state carried across continue-as-new: the last task handed out, the running
 * totals, and what signals changed (concurrency, 0 = the spec's; paused).
 */
public record JobCursor(
    long afterTaskId,
    int volumesDone,
    int volumesFailed,
    int pagesOk,
    int pagesFailed,
    int runs,
    int concurrency,
    boolean paused) {

  public static final JobCursor START = new JobCursor(0, 0, 0, 0, 0, 0, 0, false);

  public JobCursor after(long taskId) {
    return new JobCursor(
        Math.max(afterTaskId, taskId),
        volumesDone,
        volumesFailed,
        pagesOk,
        pagesFailed,
        runs,
        concurrency,
        paused);
  }

  /** Counts an ended volume; one handed back as pending (canceled mid-way) is not counted. */
  public JobCursor with(VolumeResult r) {
    if (r.status() == TaskStatus.PENDING) return this;
    boolean ok = r.status() == TaskStatus.DONE;
    return new JobCursor(
        afterTaskId,
        volumesDone + (ok ? 1 : 0),
        volumesFailed + (ok ? 0 : 1),
        pagesOk + r.pageCounts().succeeded(),
        pagesFailed + r.pageCounts().failed(),
        runs,
        concurrency,
        paused);
  }

  /** The cursor for the next run, keeping the signalled concurrency and pause. */
  public JobCursor nextRun(int concurrency, boolean paused) {
    return new JobCursor(
        afterTaskId,
        volumesDone,
        volumesFailed,
        pagesOk,
        pagesFailed,
        runs + 1,
        concurrency,
        paused);
  }
}
