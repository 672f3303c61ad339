package io.ocrbatch.activities;

import io.ocrbatch.activities.statusdb.JobStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jobs' cancel flags as page activities see them before each page: read from the store at most once
 * per {@value #MAX_AGE_MILLIS} ms per job and worker, not once per page; a canceled job's pages
 * stop within that time.
 */
final class CancelFlags {
  static final long MAX_AGE_MILLIS = 1_000;

  private record Seen(boolean requested, long atNanos) {}

  private final JobStore jobs;
  private final Map<Long, Seen> seen = new ConcurrentHashMap<>();

  CancelFlags(JobStore jobs) {
    this.jobs = jobs;
  }

  boolean requested(long jobId) {
    long now = System.nanoTime();
    Seen last = seen.get(jobId);
    if (last == null || now - last.atNanos() >= MAX_AGE_MILLIS * 1_000_000) {
      if (seen.size() > 10_000) seen.clear(); // a worker that has seen many jobs forgets the old
      last = new Seen(jobs.cancelRequested(jobId), now);
      seen.put(jobId, last);
    }
    return last.requested();
  }
}
