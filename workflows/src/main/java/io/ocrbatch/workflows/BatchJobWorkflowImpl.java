package io.ocrbatch.workflows;

import io.temporal.common.RetryOptions;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * One job: records its start, hands its tasks out to {@link VolumeWorkflow} children through a
 * sliding window, and records its end.
 *
 * <ol>
 *   <li>Tasks are read from the store {@value #TASKS_PER_FETCH} at a time in task-id order, after
 *       the cursor's last task id; the store returns only tasks that still have work (pending,
 *       running, failed retryably), so a job started again (requeue, restart, intake) costs what is
 *       left, not its size.
 *   <li>At most {@code concurrency} children run at once (signal {@code setConcurrency}); each is a
 *       child in a detached cancellation scope, retried by Temporal as a whole task; its result
 *       updates the cursor's counts. A child that fails for good is recorded terminal here.
 *   <li>Signals: {@code pause} stops handing out and pauses the running volumes, whose pages stop
 *       before their next one, {@code resume} lets them go on where they stopped, {@code cancel}
 *       (or Temporal cancellation) sets the job's cancel flag, cancels running children and waits
 *       for them to hand their tasks back; {@code volumesAdded} (intake jobs) says new tasks exist
 *       past the cursor; running volumes tell their pages so far ({@code volumeProgress}).
 *   <li>After {@code childrenPerRun} children, the run lets its running children end and continues
 *       as new with the cursor (last task id, counts, concurrency, pause), so histories stay
 *       bounded; an idle intake job continues as new past {@value #IDLE_HISTORY_LIMIT} events.
 *   <li>The end status follows {@link Outcome}: canceled; failed when a volume failed terminally or
 *       every page failed; else completed (with failures when some pages failed).
 * </ol>
 */
public class BatchJobWorkflowImpl implements BatchJobWorkflow {

  /** Tasks read from the store per activity call. */
  static final int TASKS_PER_FETCH = 100;

  /** An idle intake job continues as new past this many history events (signals add up). */
  static final int IDLE_HISTORY_LIMIT = 10_000;

  private final StatusActivities status =
      Workflow.newActivityStub(StatusActivities.class, ActivityStubOptions.io());

  private final RunningVolumes running = new RunningVolumes();

  private final Deque<TaskRef> fetched = new ArrayDeque<>();
  private JobSpec spec;
  private JobCursor cursor = JobCursor.START;
  private long fetchedUpTo;
  private boolean exhausted;
  private int additions; // volumesAdded signals received
  private int startedThisRun;
  private int childrenPerRun;
  private int concurrency = 1;
  private boolean paused;
  private boolean pausedRecorded;
  private boolean cancelRequested;
  private boolean searchable; // this run keeps the job's search attributes up to date
  private long attributesAt; // workflow time of their last update
  private boolean pagePause; // since PAGE_PAUSE
  private JobStatus ended; // once the run has ended: what progress says

  @Override
  public JobOutcome run(JobSpec spec, JobCursor carried) {
    this.spec = spec;
    this.cursor = carried == null ? JobCursor.START : carried;
    this.fetchedUpTo = cursor.afterTaskId();
    this.concurrency =
        Math.max(1, cursor.concurrency() > 0 ? cursor.concurrency() : spec.concurrency());
    this.paused = cursor.paused();
    this.pagePause = Workflow.getVersion(JobVersions.PAGE_PAUSE, Workflow.DEFAULT_VERSION, 1) >= 1;
    this.childrenPerRun =
        spec.childrenPerRunOr(
            Workflow.getVersion(JobVersions.LONGER_RUNS, Workflow.DEFAULT_VERSION, 1) >= 1
                ? JobSpec.DEFAULT_CHILDREN_PER_RUN
                : JobSpec.FORMER_CHILDREN_PER_RUN);
    try {
      if (cursor.runs() == 0) {
        status.jobStarted(spec.jobId());
      }
      searchable =
          Workflow.getVersion(JobVersions.SEARCH_ATTRIBUTES, Workflow.DEFAULT_VERSION, 1) >= 1
              && JobSearchAttributes.present();
      updateAttributes(paused ? "paused" : "running");
      fanOut();
    } catch (CanceledFailure e) {
      cancelRequested = true;
    }
    if (cancelRequested) {
      Workflow.newDetachedCancellationScope(this::stopRunningChildren).run();
    } else if (hasWork() || spec.intake()) {
      Workflow.newContinueAsNewStub(BatchJobWorkflow.class, JobSearchAttributes.carriedMemo())
          .run(spec, cursor.nextRun(concurrency, paused));
    }
    Outcome outcome = // null: a history recorded before the rule (a failed volume alone failed it)
        Workflow.getVersion(JobVersions.OUTCOME_RULE, Workflow.DEFAULT_VERSION, 1) >= 1
            ? Outcome.of(
                cancelRequested, cursor.volumesFailed(), cursor.pagesOk(), cursor.pagesFailed())
            : null;
    JobStatus end = outcome != null ? outcome.status() : formerEndStatus();
    ended = end;
    updateAttributes(outcome != null ? outcome.wireName() : end.dbName());
    Workflow.newDetachedCancellationScope(() -> status.jobFinished(spec.jobId(), end)).run();
    return new JobOutcome(
        end, cursor.volumesDone(), cursor.volumesFailed(), cursor.pagesOk(), cursor.pagesFailed());
  }

  private void fanOut() {
    while (true) {
      Workflow.await(
          () -> cancelRequested || paused != pausedRecorded || canStart() || running.isEmpty());
      if (cancelRequested) {
        return;
      }
      if (paused != pausedRecorded) {
        pausedRecorded = paused;
        recordPause(paused);
        updateAttributes(paused ? "paused" : "running");
      } else if (canStart()) {
        startNext();
      } else if (paused && hasWork()) {
        Workflow.await(() -> !paused || cancelRequested);
      } else if (waitsForMoreVolumes()) {
        Workflow.await(() -> cancelRequested || hasWork() || paused != pausedRecorded);
      } else {
        return; // every task handed out has ended, and there is nothing more for this run
      }
    }
  }

  private boolean canStart() {
    return !paused
        && running.size() < concurrency
        && startedThisRun < childrenPerRun
        && hasWork()
        && !(pagePause && Workflow.getInfo().getHistoryLength() >= RUN_HISTORY_LIMIT);
  }

  /**
   * Records a pause or resume. Since {@link JobVersions#PAGE_PAUSE} the running volumes hear it
   * too, so their pages stop and go on: a pause reaches them before the store's flag (which their
   * page activities read), a resume after it, so a volume never waits on a flag already cleared.
   */
  private void recordPause(boolean pause) {
    if (!pagePause) {
      status.jobPaused(spec.jobId(), pause);
      return;
    }
    if (!pause) status.jobPaused(spec.jobId(), false);
    running.tell(pause);
    if (pause) status.jobPaused(spec.jobId(), true);
  }

  private boolean hasWork() {
    return !fetched.isEmpty() || !exhausted;
  }

  /** An intake job with nothing to do waits, unless its history asks for a fresh run. */
  private boolean waitsForMoreVolumes() {
    return spec.intake()
        && !hasWork()
        && running.isEmpty()
        && Workflow.getInfo().getHistoryLength() < IDLE_HISTORY_LIMIT;
  }

  private void startNext() {
    if (fetched.isEmpty()) {
      int additionsBefore = additions;
      List<TaskRef> next = status.tasksAfter(spec.jobId(), fetchedUpTo, TASKS_PER_FETCH);
      fetched.addAll(next);
      // a volumesAdded signal that came while the fetch ran may name tasks the fetch did not see
      exhausted = next.size() < TASKS_PER_FETCH && additions == additionsBefore;
      if (!next.isEmpty()) {
        fetchedUpTo = next.get(next.size() - 1).taskId();
      }
      if (fetched.isEmpty()) {
        return;
      }
    }
    TaskRef task = fetched.poll();
    cursor = cursor.after(task.taskId());
    startedThisRun++;
    // Detached: canceling the job must not cancel children (and through them activities);
    // children stop through the job's cancel flag instead (see stopRunningChildren).
    CancellationScope scope =
        Workflow.newDetachedCancellationScope(() -> Async.procedure(this::runVolume, task));
    running.started(task.taskId(), scope);
    scope.run();
  }

  private void runVolume(TaskRef ref) {
    VolumeTask task = spec.taskFor(ref);
    VolumeWorkflow child = Workflow.newChildWorkflowStub(VolumeWorkflow.class, childOptions(task));
    if (pagePause) running.stub(ref.taskId(), child);
    try {
      VolumeResult result =
          child.run(task); // read cursor only after the child ends: others update it meanwhile
      cursor = cursor.with(result);
      if (Workflow.currentTimeMillis() - attributesAt >= ATTRIBUTES_EVERY_MILLIS) {
        updateAttributes(paused ? "paused" : "running");
      }
    } catch (ChildWorkflowFailure | CanceledFailure failure) {
      if (!Failures.isCancellation(failure)) {
        VolumeResult result =
            VolumeResult.failed(
                ref.taskId(),
                ref.volume().volumeId(),
                TaskStatus.TERMINAL_FAILED,
                Failures.describe(failure));
        status.taskFinished(result, task.retry().maxTaskAttempts());
        cursor = cursor.with(result);
      }
    } finally {
      running.ended(ref.taskId());
    }
  }

  private ChildWorkflowOptions childOptions(VolumeTask task) {
    ChildWorkflowOptions.Builder options = ChildWorkflowOptions.newBuilder();
    if (searchable) {
      options.setTypedSearchAttributes(
          JobSearchAttributes.forVolume(spec.jobKey(), task.volume().volumeId()));
    }
    return options
        .setWorkflowId(task.workflowId())
        .setTaskQueue(TaskQueues.IO)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofMillis(task.retry().initialIntervalMillis()))
                .setBackoffCoefficient(2)
                .setMaximumAttempts(task.retry().maxTaskAttempts())
                .build())
        .build();
  }

  /**
   * Page activities see the flag before their next page; running volumes then end as pending.
   * Children are also canceled, so a volume waiting on a listing or status call being retried stops
   * at once instead of after its retries (those activities are abandoned, never cancel-requested;
   * page chunks run outside the child's cancellation and stop by the flag). Histories recorded
   * before this waited for the flag alone.
   */
  private void stopRunningChildren() {
    status.jobCancelRequested(spec.jobId());
    updateAttributes("canceling");
    if (Workflow.getVersion(JobVersions.CANCEL_CHILDREN, Workflow.DEFAULT_VERSION, 1) >= 1) {
      running.cancelAll();
    }
    Workflow.await(running::isEmpty);
  }

  static final long ATTRIBUTES_EVERY_MILLIS = 10_000;

  static final int RUN_HISTORY_LIMIT = 40_000;

  private void updateAttributes(String state) {
    if (!searchable) return;
    JobSearchAttributes.upsert(state, cursor);
    attributesAt = Workflow.currentTimeMillis();
  }

  /** The end status of histories recorded before {@link JobVersions#OUTCOME_RULE}. */
  private JobStatus formerEndStatus() {
    if (cancelRequested) return JobStatus.CANCELED;
    return cursor.volumesFailed() > 0 ? JobStatus.FAILED : JobStatus.COMPLETED;
  }

  @Override
  public void pause() {
    paused = true;
  }

  @Override
  public void resume() {
    paused = false;
  }

  @Override
  public void setConcurrency(int concurrency) {
    this.concurrency = Math.max(1, concurrency);
  }

  @Override
  public void cancel() {
    cancelRequested = true;
  }

  @Override
  public void volumesAdded() {
    additions++;
    exhausted = false;
  }

  @Override
  public void volumeProgress(VolumeProgress progress) {
    running.told(progress);
  }

  /**
   * The job as this run sees it: volumes that ended, and pages of ended volumes plus what running
   * volumes told so far; after the end, the end status.
   */
  @Override
  public JobProgress progress() {
    String state =
        ended != null
            ? ended.dbName()
            : cancelRequested ? "canceling" : paused ? "paused" : "running";
    return new JobProgress(
        state,
        cursor.volumesDone(),
        cursor.volumesFailed(),
        running.size(),
        cursor.pagesOk() + running.pagesOk(),
        cursor.pagesFailed() + running.pagesFailed(),
        concurrency,
        paused,
        cancelRequested);
  }
}
