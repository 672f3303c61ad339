package io.ocrbatch.workflows;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-memory stand-ins for the status store, the volume listing and the OCR engine, recording what
 * the workflows asked of them. The real activities are tested against PostgreSQL and Tesseract in
 * their own modules.
 */
final class FakeActivities implements StatusActivities, VolumeActivities, OcrActivities {
  final List<TaskRef> tasks = new CopyOnWriteArrayList<>();
  final Map<Long, String> taskStatus = new ConcurrentHashMap<>();
  final Map<Long, String> taskErrors = new ConcurrentHashMap<>();
  final Map<Long, Integer> taskAttempts = new ConcurrentHashMap<>();
  final List<String> jobEvents = new CopyOnWriteArrayList<>();
  final List<String> pagesOcred = new CopyOnWriteArrayList<>();
  final Set<String> manifests = ConcurrentHashMap.newKeySet();
  final Set<String> alreadyDone = ConcurrentHashMap.newKeySet();
  final Set<String> missingVolumes = ConcurrentHashMap.newKeySet();

  /** Pages that fail (an undecodable image, say): counted failed, their volume goes on. */
  final Set<String> badPages = ConcurrentHashMap.newKeySet();

  /** Volumes whose listing always fails retryably (storage unreachable); counts the attempts. */
  final Set<String> unlistableVolumes = ConcurrentHashMap.newKeySet();

  final AtomicInteger listAttempts = new AtomicInteger();

  /** Volume id → how many OCR attempts fail (retryably) before one succeeds. */
  final Map<String, AtomicInteger> ocrFailures = new ConcurrentHashMap<>();

  final AtomicInteger runningChunks = new AtomicInteger();
  final AtomicInteger maxRunningChunks = new AtomicInteger();
  final Set<Long> runningVolumes = ConcurrentHashMap.newKeySet();
  final AtomicInteger maxRunningVolumes = new AtomicInteger();

  /** Chunks wait until it opens (open unless a test closes it). */
  volatile java.util.concurrent.CountDownLatch chunkGate =
      new java.util.concurrent.CountDownLatch(0);

  volatile int pagesPerVolume = 3;
  volatile long millisPerPage = 0;
  volatile boolean cancelFlag;

  /** The store's pause flag, as page activities read it. */
  volatile boolean pausedFlag;

  /** Page name → how many more times its image cannot be had (a missing page). */
  final Map<String, AtomicInteger> missingPages = new ConcurrentHashMap<>();

  /** Volume id → how many chunk attempts fail because its output refuses writes (held too long). */
  final Map<String, AtomicInteger> unwritableOutputs = new ConcurrentHashMap<>();

  final List<String> manifestsWritten = new CopyOnWriteArrayList<>();

  /** Pages OCRed before are skipped, as the real activity skips pages whose outputs exist. */
  volatile boolean skipsDone;

  /** Page name after which the first attempt stops heartbeating and hangs, like a dead worker. */
  volatile String dieAfterPage;

  final List<Integer> resumedAt = new CopyOnWriteArrayList<>();
  final AtomicInteger tasksStarted = new AtomicInteger();

  FakeActivities withVolumes(int count) {
    return addVolumes(count);
  }

  /** More tasks, numbered after the existing ones (what the SQS intake does between signals). */
  FakeActivities addVolumes(int count) {
    int first = tasks.size() + 1;
    for (int i = first; i < first + count; i++) {
      taskStatus.put((long) i, "pending");
      tasks.add(new TaskRef(i, new VolumeRef("v" + i, "file:///scans/v" + i)));
    }
    return this;
  }

  @Override
  public void jobStarted(long jobId) {
    jobEvents.add("started");
  }

  @Override
  public void jobPaused(long jobId, boolean paused) {
    jobEvents.add(paused ? "paused" : "resumed");
    pausedFlag = paused;
  }

  @Override
  public void jobFinished(long jobId, JobStatus status) {
    jobEvents.add("finished:" + status.dbName());
  }

  @Override
  public void jobCancelRequested(long jobId) {
    jobEvents.add("cancel-requested");
    cancelFlag = true;
  }

  @Override
  public List<TaskRef> tasksAfter(long jobId, long afterTaskId, int limit) {
    // as the store: only tasks that still have work
    return tasks.stream()
        .filter(t -> t.taskId() > afterTaskId)
        .filter(
            t ->
                List.of("pending", "running", "retryable_failed")
                    .contains(taskStatus.get(t.taskId())))
        .limit(limit)
        .toList();
  }

  @Override
  public void taskStarted(long taskId, int attempt, int maxAttempts) {
    if (cancelFlag) return; // as the store: a canceled job's tasks are not marked running again
    tasksStarted.incrementAndGet();
    taskStatus.put(taskId, "running");
    taskAttempts.put(taskId, attempt);
    runningVolumes.add(taskId);
    maxRunningVolumes.accumulateAndGet(runningVolumes.size(), Math::max);
  }

  @Override
  public void volumeListed(long taskId, VolumeListing listing) {}

  @Override
  public void taskFinished(VolumeResult result, int attempt) {
    taskStatus.put(result.taskId(), result.status().dbName());
    runningVolumes.remove(result.taskId());
    if (result.error() != null) taskErrors.put(result.taskId(), result.error());
  }

  @Override
  public void taskInterrupted(long taskId, String reason) {
    taskStatus.put(taskId, "pending");
    runningVolumes.remove(taskId);
  }

  @Override
  public VolumeListing listPages(VolumeTask task) {
    String id = task.volume().volumeId();
    listAttempts.incrementAndGet();
    if (unlistableVolumes.contains(id))
      throw new IllegalStateException("storage unreachable: " + id);
    if (missingVolumes.contains(id)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "volume folder not found: /scans/" + id, FailureTypes.VOLUME_NOT_PROCESSABLE);
    }
    List<String> pages = new ArrayList<>();
    for (int p = 1; p <= pagesPerVolume; p++) pages.add(id + "-p" + p + ".png");
    return new VolumeListing(id, "abc123", "/out/" + id, pages, alreadyDone.contains(id));
  }

  @Override
  public void writeManifest(VolumeTask task, VolumeListing listing, ChunkResult counts) {
    manifests.add(listing.volumeId());
    manifestsWritten.add(listing.volumeId());
  }

  @Override
  public VolumeListing startVolume(VolumeTask task, int attempt, int maxAttempts) {
    taskStarted(task.taskId(), attempt, maxAttempts);
    VolumeListing listing = listPages(task);
    volumeListed(task.taskId(), listing);
    return listing;
  }

  @Override
  public void finishVolume(
      VolumeTask task, VolumeListing listing, VolumeResult result, int attempt) {
    if (!listing.alreadyDone()) writeManifest(task, listing, result.pageCounts());
    taskFinished(result, attempt);
  }

  private void awaitChunkGate() {
    try {
      chunkGate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public ChunkResult ocrChunk(PageChunk chunk) {
    awaitChunkGate();
    int now = runningChunks.incrementAndGet();
    maxRunningChunks.accumulateAndGet(now, Math::max);
    try {
      AtomicInteger failures = ocrFailures.get(chunk.task().volume().volumeId());
      if (failures != null && failures.getAndDecrement() > 0) {
        throw new IllegalStateException("transient storage error");
      }
      AtomicInteger unwritable = unwritableOutputs.get(chunk.task().volume().volumeId());
      if (unwritable != null && unwritable.getAndDecrement() > 0) {
        throw ApplicationFailure.newNonRetryableFailure(
            "output /out cannot be written: No space left on device",
            FailureTypes.OUTPUT_UNWRITABLE);
      }
      ActivityExecutionContext context = Activity.getExecutionContext();
      int start =
          context
              .getHeartbeatDetails(Integer.class)
              .map(i -> i + 1)
              .orElse(0); // as the real activity
      if (start > 0) resumedAt.add(start);
      int missing = 0;
      for (int i = start; i < chunk.pages().size(); i++) {
        if (cancelFlag)
          return new ChunkResult(i, 0, 0, chunk.pages().size() - i); // like the real activity
        if (pausedFlag && chunk.pagesStop())
          return new ChunkResult(i - missing, 0, 0)
              .plus(ChunkResult.paused(chunk.pages().size() - i));
        if (millisPerPage > 0) sleep(millisPerPage);
        if (skipsDone && pagesOcred.contains(chunk.pages().get(i))) continue;
        AtomicInteger misses = missingPages.get(chunk.pages().get(i));
        if (misses != null && misses.getAndDecrement() > 0) {
          missing++;
          continue;
        }
        pagesOcred.add(chunk.pages().get(i));
        context.heartbeat(i);
        if (chunk.pages().get(i).equals(dieAfterPage)) {
          dieAfterPage = null;
          sleep(3_000); // no heartbeats: Temporal times the attempt out and retries it
          throw new IllegalStateException("this worker was dead");
        }
      }
      int failed = (int) chunk.pages().stream().skip(start).filter(badPages::contains).count();
      return new ChunkResult(chunk.pages().size() - missing - failed, 0, failed, 0, 0, missing);
    } finally {
      runningChunks.decrementAndGet();
    }
  }

  long countStatus(String status) {
    return taskStatus.values().stream().filter(status::equals).count();
  }

  Map<String, Long> pageCounts() {
    Map<String, Long> counts = new HashMap<>();
    pagesOcred.forEach(p -> counts.merge(p, 1L, Long::sum));
    return Collections.unmodifiableMap(counts);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
