package io.ocrbatch.workflows;

/**
 * A job workflow's progress carried across continue-as-new: the last task handed out and the
 * running totals.
 */
public record JobCursor(
    long afterTaskId, int volumesDone, int volumesFailed, int pagesOk, int pagesFailed, int runs) {

  public static final JobCursor START = new JobCursor(0, 0, 0, 0, 0, 0);

  public JobCursor after(long taskId) {
    return new JobCursor(Math.max(afterTaskId, taskId), volumesDone, volumesFailed, pagesOk, pagesFailed, runs);
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
        runs);
  }

  public JobCursor nextRun() {
    return new JobCursor(afterTaskId, volumesDone, volumesFailed, pagesOk, pagesFailed, runs + 1);
  }
}
