package io.ocrbatch.activities;

import io.ocrbatch.activities.statusdb.JobStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jobs' cancel and pause flags as page activities see them before each page: read from the store at
 * most once per {@value #MAX_AGE_MILLIS} ms per job and worker, not once per page, so a canceled or
 * paused job's pages stop within that time. A flag seen set is read again before it is believed: a
 * job resumed or restarted a moment ago must not stop a chunk that has just started again (a
 * restarted job's volume would go back to pending, and the job end without it).
 */
final class JobFlags {
  static final long MAX_AGE_MILLIS = 1_000;

  /** What stops a chunk before its next page. */
  enum Stop {
    NONE,
    CANCELED,
    PAUSED
  }

  private record Seen(Stop stop, long atNanos) {}

  private final JobStore jobs;
  private final Map<Long, Seen> seen = new ConcurrentHashMap<>();

  JobFlags(JobStore jobs) {
    this.jobs = jobs;
  }

  /** Whether the job asks its pages to stop, and why (cancel wins over pause). */
  Stop stop(long jobId) {
    long now = System.nanoTime();
    Seen last = seen.get(jobId);
    if (last == null || now - last.atNanos() >= MAX_AGE_MILLIS * 1_000_000) {
      last = read(jobId, now);
    }
    if (last.stop() != Stop.NONE && last.atNanos() != now) last = read(jobId, now);
    return last.stop();
  }

  boolean canceled(long jobId) {
    return stop(jobId) == Stop.CANCELED;
  }

  private Seen read(long jobId, long now) {
    if (seen.size() > 10_000) seen.clear(); // a worker that has seen many jobs forgets the old
    JobStore.Flags flags = jobs.flags(jobId);
    Stop stop = flags.cancelRequested() ? Stop.CANCELED : flags.paused() ? Stop.PAUSED : Stop.NONE;
    Seen read = new Seen(stop, now);
    seen.put(jobId, read);
    return read;
  }
}
