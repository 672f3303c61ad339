package io.ocrbatch.workflows;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A volume's chunks since {@link VolumeWorkflowImpl#PAGE_CONTROL}. Each chunk runs until its pages
 * are done or the job is canceled:
 *
 * <ul>
 *   <li>a chunk whose output refused writes longer than the activity holds a page ({@link
 *       FailureTypes#OUTPUT_UNWRITABLE}) runs again after {@link #HOLD_WAIT}, spending no attempt;
 *   <li>a chunk stopped by a pause ({@link ChunkResult#paused}) runs its remaining pages after the
 *       resume; a pause the volume never heard of (its run began while the job was paused) is
 *       looked at again after a wait that doubles from {@link #UNHEARD_PAUSE_FIRST_WAIT};
 *   <li>the volume's pages so far are told to its job at most every {@link #PROGRESS_EVERY_MILLIS}
 *       ms of workflow time, so the job's progress counts pages.
 * </ul>
 *
 * Chunks run in a scope detached from the volume's (they stop by the job's cancel flag, see
 * VolumeWorkflowImpl), so waits here look at the volume's own scope to stop when it is canceled.
 */
final class VolumeChunks {
  static final Duration HOLD_WAIT = Duration.ofMinutes(1);
  static final Duration UNHEARD_PAUSE_FIRST_WAIT = Duration.ofSeconds(10);
  static final Duration UNHEARD_PAUSE_MAX_WAIT = Duration.ofMinutes(5);
  static final long PROGRESS_EVERY_MILLIS = 10_000;

  private OcrActivities ocr;
  private long taskId;
  private CancellationScope volume;
  private final List<Promise<Void>> reports = new ArrayList<>();
  private boolean paused;
  private int resumes;
  private Duration unheardPauseWait = UNHEARD_PAUSE_FIRST_WAIT;
  private ChunkResult soFar = ChunkResult.EMPTY;
  private long reportedAt;

  VolumeChunks() {}

  /**
   * Before the first chunk: the activities, the task, and the volume's scope. (Pause and resume may
   * be signalled before, while the volume lists its pages.)
   */
  void start(OcrActivities ocr, long taskId, CancellationScope volume) {
    this.ocr = ocr;
    this.taskId = taskId;
    this.volume = volume;
    this.reportedAt = Workflow.currentTimeMillis();
  }

  void pause() {
    paused = true;
  }

  void resume() {
    paused = false;
    resumes++;
  }

  boolean paused() {
    return paused;
  }

  /** Runs the chunk's pages to their end, or until the job is canceled (counted interrupted). */
  ChunkResult run(PageChunk chunk) {
    ChunkResult total = ChunkResult.EMPTY;
    PageChunk left = chunk;
    while (true) {
      int resumesBefore = resumes;
      ChunkResult result;
      try {
        result = ocr.ocrChunk(left);
      } catch (ActivityFailure failure) {
        if (!Failures.hasType(failure, FailureTypes.OUTPUT_UNWRITABLE)) throw failure;
        if (Workflow.await(HOLD_WAIT, volume::isCancelRequested)) {
          return total.plus(ChunkResult.canceled(left.pages().size()));
        }
        continue;
      }
      total = total.plus(result.withoutPaused());
      counted(result);
      if (result.paused() == 0) {
        unheardPauseWait = UNHEARD_PAUSE_FIRST_WAIT;
        return total;
      }
      left = left.last(result.paused());
      if (!awaitResume(resumesBefore)) {
        return total.plus(ChunkResult.canceled(left.pages().size()));
      }
    }
  }

  /** Waits for a resume after {@code resumesBefore}; false when the volume was canceled. */
  private boolean awaitResume(int resumesBefore) {
    while (!volume.isCancelRequested()) {
      if (resumes > resumesBefore && !paused) return true;
      if (paused) {
        Workflow.await(() -> !paused || volume.isCancelRequested());
      } else if (!Workflow.await(
          unheardPauseWait,
          () -> resumes > resumesBefore || paused || volume.isCancelRequested())) {
        Duration doubled = unheardPauseWait.multipliedBy(2);
        unheardPauseWait =
            doubled.compareTo(UNHEARD_PAUSE_MAX_WAIT) > 0 ? UNHEARD_PAUSE_MAX_WAIT : doubled;
        return true; // look again: the chunk stops at once if the job is still paused
      }
    }
    return false;
  }

  private void counted(ChunkResult result) {
    soFar = soFar.plus(result.withoutPaused());
    Optional<String> job = Workflow.getInfo().getParentWorkflowId();
    long now = Workflow.currentTimeMillis();
    if (job.isEmpty() || now - reportedAt < PROGRESS_EVERY_MILLIS) return;
    reportedAt = now;
    BatchJobWorkflow parent = Workflow.newExternalWorkflowStub(BatchJobWorkflow.class, job.get());
    VolumeProgress progress = new VolumeProgress(taskId, soFar.succeeded(), soFar.failed());
    reports.add(Async.procedure(parent::volumeProgress, progress));
  }

  /** Waits until the job has heard every report (so none arrives after the volume's result). */
  void reportsDelivered() {
    for (Promise<Void> report : reports) {
      try {
        report.get();
      } catch (RuntimeException ignored) {
        // the job has ended or moved on: its progress no longer needs this volume's
      }
    }
  }
}
