package io.ocrbatch.workflows;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

public class VolumeWorkflowImpl implements VolumeWorkflow {

  private final StatusActivities status =
      Workflow.newActivityStub(StatusActivities.class, ActivityStubOptions.io());
  private final VolumeActivities volumes =
      Workflow.newActivityStub(VolumeActivities.class, ActivityStubOptions.io());
  private final VolumeActivities volumeEnd =
      Workflow.newActivityStub(VolumeActivities.class, ActivityStubOptions.volumeEnd());
  private final List<Promise<ChunkResult>> chunks = new ArrayList<>();
  private final VolumeChunks pageControl = new VolumeChunks();
  private int pendingChunks;
  private boolean controlled; // since PAGE_CONTROL

  @Override
  public void pause() {
    pageControl.pause();
  }

  @Override
  public void resume() {
    pageControl.resume();
  }

  @Override
  public VolumeResult run(VolumeTask task) {
    int attempt = Workflow.getInfo().getAttempt();
    int maxAttempts = task.retry().maxTaskAttempts();
    boolean merged = Workflow.getVersion(MERGED_ROUND_TRIPS, Workflow.DEFAULT_VERSION, 1) >= 1;
    controlled = Workflow.getVersion(PAGE_CONTROL, Workflow.DEFAULT_VERSION, 1) >= 1;
    if (!merged) status.taskStarted(task.taskId(), attempt, maxAttempts);
    try {
      VolumeListing listing;
      if (merged) {
        listing = volumes.startVolume(task, attempt, maxAttempts);
      } else {
        listing = volumes.listPages(task);
        status.volumeListed(task.taskId(), listing);
      }
      ChunkResult counts;
      if (listing.alreadyDone()) {
        counts = new ChunkResult(0, listing.pages().size(), 0);
      } else {
        counts = ocrAllPages(task, listing);
        if (counts.interrupted() > 0) {
          status.taskInterrupted(task.taskId(), "job canceled before this volume finished");
          return new VolumeResult(
              task.taskId(),
              task.volume().volumeId(),
              TaskStatus.PENDING,
              listing.pages().size(),
              counts,
              null);
        }
        if (controlled && counts.missing() > 0)
          return pagesMissing(task, counts, attempt, maxAttempts);
        if (!merged) volumes.writeManifest(task, listing, counts);
      }
      VolumeResult result =
          VolumeResult.done(
              task.taskId(), task.volume().volumeId(), listing.pages().size(), counts);
      if (controlled) {
        finishHeld(task, listing, result, attempt);
      } else if (merged) {
        volumeEnd.finishVolume(task, listing, result, attempt);
      } else {
        status.taskFinished(result, attempt);
      }
      return result;
    } catch (ActivityFailure | CanceledFailure failure) {
      if (Failures.isCancellation(failure)) {
        Workflow.newDetachedCancellationScope(() -> stopAfterCancel(task)).run();
        throw failure;
      }
      boolean terminal = Failures.isNonRetryable(failure) || attempt >= maxAttempts;
      TaskStatus ended = terminal ? TaskStatus.TERMINAL_FAILED : TaskStatus.RETRYABLE_FAILED;
      VolumeResult result =
          VolumeResult.failed(
              task.taskId(), task.volume().volumeId(), ended, Failures.describe(failure));
      status.taskFinished(result, attempt);
      if (terminal) {
        return result;
      }
      throw failure; // Temporal retries the whole task with backoff
    }
  }

  /**
   * The volume's pages in chunks. Since {@link #BOUNDED_CHUNKS}: at most {@link #MAX_CHUNKS} chunks
   * (a huge volume gets bigger chunks; a chunk's retry resumes after its last heartbeated page, so
   * size costs no redone work) and at most {@link #MAX_PENDING_CHUNKS} scheduled at once, so a
   * 30,000-page volume stays far below Temporal's 2,000 pending activities and 51,200 history
   * events without continuing as new. Histories recorded before scheduled every chunk at once.
   */
  private ChunkResult ocrAllPages(VolumeTask task, VolumeListing listing) {
    OcrActivities ocr =
        Workflow.newActivityStub(OcrActivities.class, ActivityStubOptions.ocr(task));
    List<String> pages = listing.pages();
    int size = chunkSize(pages.size(), task.pagesPerChunk());
    if (Workflow.getVersion(BOUNDED_CHUNKS, Workflow.DEFAULT_VERSION, 1) >= 1) {
      size = Math.max(size, (pages.size() + MAX_CHUNKS - 1) / MAX_CHUNKS);
      if (controlled) pageControl.start(ocr, task.taskId(), CancellationScope.current());
      for (int first = 0; first < pages.size(); first += size) {
        // a canceled volume stops scheduling here; a paused one waits for its resume
        Workflow.await(
            () -> pendingChunks < MAX_PENDING_CHUNKS && !(controlled && pageControl.paused()));
        PageChunk chunk =
            new PageChunk(
                task,
                listing.outputDir(),
                first,
                List.copyOf(pages.subList(first, Math.min(pages.size(), first + size))),
                controlled ? PageChunk.PAGES_STOP : 0);
        pendingChunks++;
        // Chunks stop by the job's cancel flag, never by activity cancellation (sdk-java#2391).
        Workflow.newDetachedCancellationScope(
                () -> {
                  Promise<ChunkResult> result =
                      controlled
                          ? Async.function(pageControl::run, chunk)
                          : Async.function(ocr::ocrChunk, chunk);
                  chunks.add(result);
                  result.handle((r, e) -> pendingChunks--);
                })
            .run();
      }
    } else {
      int chunkSize = size;
      Runnable schedule =
          () -> {
            for (int first = 0; first < pages.size(); first += chunkSize) {
              List<String> slice =
                  List.copyOf(pages.subList(first, Math.min(pages.size(), first + chunkSize)));
              PageChunk chunk = new PageChunk(task, listing.outputDir(), first, slice);
              chunks.add(Async.function(ocr::ocrChunk, chunk));
            }
          };
      // Chunks stop by the job's cancel flag, never by activity cancellation (sdk-java#2391), so a
      // canceled volume lets them finish their page; histories recorded before ran them in the root
      // scope.
      if (Workflow.getVersion(CHUNKS_DETACHED, Workflow.DEFAULT_VERSION, 1) >= 1) {
        Workflow.newDetachedCancellationScope(schedule).run();
      } else {
        schedule.run();
      }
    }
    ChunkResult total = ChunkResult.EMPTY;
    for (Promise<ChunkResult> chunk : chunks) {
      total = total.plus(chunk.get());
    }
    if (controlled) pageControl.reportsDelivered();
    return total;
  }

  /**
   * A volume some of whose images could not be had (missing from the archive, forbidden,
   * unreadable) is not complete: no manifest, no success marker. The attempt fails (Temporal tries
   * the volume again with backoff, redoing only those pages) and, on the last attempt, the task
   * fails for good; {@code job status} names the pages, and a restart or a later run does them.
   */
  private VolumeResult pagesMissing(
      VolumeTask task, ChunkResult counts, int attempt, int maxAttempts) {
    String error =
        counts.missing()
            + " page(s) could not be read (missing or unreadable images; see the job's page"
            + " errors): the volume is not complete until they are OCRed";
    boolean last = attempt >= maxAttempts;
    VolumeResult result =
        VolumeResult.failed(
            task.taskId(),
            task.volume().volumeId(),
            last ? TaskStatus.TERMINAL_FAILED : TaskStatus.RETRYABLE_FAILED,
            FailureTypes.PAGES_MISSING + ": " + error);
    status.taskFinished(result, attempt);
    if (last) return result;
    throw ApplicationFailure.newFailure(error, FailureTypes.PAGES_MISSING);
  }

  /** The volume's end, waiting out output storage that refuses writes (no attempt spent). */
  private void finishHeld(
      VolumeTask task, VolumeListing listing, VolumeResult result, int attempt) {
    while (true) {
      try {
        volumeEnd.finishVolume(task, listing, result, attempt);
        return;
      } catch (ActivityFailure failure) {
        if (!Failures.hasType(failure, FailureTypes.OUTPUT_UNWRITABLE)) throw failure;
        Workflow.sleep(VolumeChunks.HOLD_WAIT); // throws when the job cancels the volume
      }
    }
  }

  static final String BOUNDED_CHUNKS = "bounded-chunk-window";

  /**
   * Since this version a volume obeys its job's pause page by page, waits out output storage that
   * refuses writes without spending an attempt, is not complete while an image could not be read,
   * and tells its job its pages as they finish (see {@link VolumeChunks}).
   */
  static final String PAGE_CONTROL = "page-control";

  /**
   * Since this version a volume costs three activities, not six: its start, listing and listing
   * record in one ({@code startVolume}), its manifest and end record in one ({@code finishVolume}).
   */
  static final String MERGED_ROUND_TRIPS = "merged-volume-round-trips";

  /** Most chunks a volume is cut into. */
  static final int MAX_CHUNKS = 1_000;

  /**
   * Most chunks scheduled and not yet ended at once (Temporal refuses more than 2,000 pending
   * activities).
   */
  static final int MAX_PENDING_CHUNKS = 256;

  static final String CHUNKS_DETACHED = "chunks-detached-from-volume-cancel";

  /** Chunks spread so a small volume still keeps several OCR slots busy. */
  static final int MIN_CHUNKS = 8;

  private static int chunkSize(int pages, int pagesPerChunk) {
    int max = Math.max(1, pagesPerChunk);
    int version = Workflow.getVersion("chunks-spread-over-slots", Workflow.DEFAULT_VERSION, 1);
    if (version == Workflow.DEFAULT_VERSION) return max; // histories recorded before the change
    return Math.min(max, Math.max(1, (pages + MIN_CHUNKS - 1) / MIN_CHUNKS));
  }

  /** Lets in-flight pages finish, then hands the task back as pending. */
  private void stopAfterCancel(VolumeTask task) {
    for (Promise<ChunkResult> chunk : chunks) {
      try {
        chunk.get();
      } catch (RuntimeException ignored) {
        // canceled or failed: either way it is no longer running
      }
    }
    status.taskInterrupted(task.taskId(), "job canceled before this volume finished");
  }
}
