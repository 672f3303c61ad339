package io.ocrbatch.workflows;

import io.temporal.common.RetryOptions;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 *   <li>Signals: {@code pause} stops handing out (running children go on), {@code resume}, {@code
 *       cancel} (or Temporal cancellation) sets the job's cancel flag, cancels running children and
 *       waits for them to hand their tasks back; {@code volumesAdded} (intake jobs) says new tasks
 *       exist past the cursor.
 *   <li>After {@code childrenPerRun} children, the run lets its running children end and continues
 *       as new with the cursor (last task id, counts, concurrency, pause), so histories stay
 *       bounded; an idle intake job continues as new past {@value #IDLE_HISTORY_LIMIT} events.
 *   <li>The end status: canceled, failed when a volume failed terminally, else completed.
 * </ol>
 */
public class BatchJobWorkflowImpl implements BatchJobWorkflow {

  /** Tasks read from the store per activity call. */
  static final int TASKS_PER_FETCH = 100;

  /** An idle intake job continues as new past this many history events (signals add up). */
  static final int IDLE_HISTORY_LIMIT = 10_000;

  private final StatusActivities status =
      Workflow.newActivityStub(StatusActivities.class, ActivityStubOptions.io());

  private final Set<Long> running = new LinkedHashSet<>();

  /** Each running child's own cancellation scope, to stop it at once when the job is canceled. */
  private final Map<Long, CancellationScope> childScopes = new HashMap<>();

  /** Each running child, to signal pause and resume to (since {@link #PAGE_PAUSE}). */
  private final Map<Long, VolumeWorkflow> children = new HashMap<>();

  /** Running children's pages so far, as they told ({@link #volumeProgress}). */
  private final Map<Long, VolumeProgress> runningPages = new HashMap<>();

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
    this.pagePause = Workflow.getVersion(PAGE_PAUSE, Workflow.DEFAULT_VERSION, 1) >= 1;
    this.childrenPerRun =
        spec.childrenPerRunOr(
            Workflow.getVersion(LONGER_RUNS, Workflow.DEFAULT_VERSION, 1) >= 1
                ? JobSpec.DEFAULT_CHILDREN_PER_RUN
                : JobSpec.FORMER_CHILDREN_PER_RUN);
    try {
      if (cursor.runs() == 0) {
        status.jobStarted(spec.jobId());
      }
      searchable =
          Workflow.getVersion(SEARCH_ATTRIBUTES, Workflow.DEFAULT_VERSION, 1) >= 1
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
    JobStatus end = endStatus();
    ended = end;
    updateAttributes(end.dbName());
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
   * Records a pause or resume. Since {@link #PAGE_PAUSE} the running volumes hear it too, so their
   * pages stop and go on: a pause reaches them before the store's flag (which their page activities
   * read), a resume after it, so a volume never waits on a flag already cleared.
   */
  private void recordPause(boolean pause) {
    if (!pagePause) {
      status.jobPaused(spec.jobId(), pause);
      return;
    }
    if (!pause) status.jobPaused(spec.jobId(), false);
    List<Promise<Void>> told = new ArrayList<>();
    for (VolumeWorkflow child : new ArrayList<>(children.values())) {
      try {
        told.add(Async.procedure(pause ? child::pause : child::resume));
      } catch (RuntimeException ended) {
        // the volume could not start or has ended
      }
    }
    for (Promise<Void> signal : told) {
      try {
        signal.get();
      } catch (RuntimeException ended) {
        // the volume ended meanwhile
      }
    }
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
    running.add(task.taskId());
    // Detached: canceling the job must not cancel children (and through them activities);
    // children stop through the job's cancel flag instead (see stopRunningChildren).
    CancellationScope scope =
        Workflow.newDetachedCancellationScope(() -> Async.procedure(this::runVolume, task));
    childScopes.put(task.taskId(), scope);
    scope.run();
  }

  private void runVolume(TaskRef ref) {
    VolumeTask task = spec.taskFor(ref);
    VolumeWorkflow child = Workflow.newChildWorkflowStub(VolumeWorkflow.class, childOptions(task));
    if (pagePause) children.put(ref.taskId(), child);
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
      running.remove(ref.taskId());
      childScopes.remove(ref.taskId());
      children.remove(ref.taskId());
      runningPages.remove(ref.taskId());
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
    if (Workflow.getVersion(CANCEL_CHILDREN, Workflow.DEFAULT_VERSION, 1) >= 1) {
      new ArrayList<>(childScopes.values()).forEach(CancellationScope::cancel);
    }
    Workflow.await(running::isEmpty);
  }

  static final String CANCEL_CHILDREN = "cancel-children-on-job-cancel";

  /**
   * Since this version a job started with its search attributes keeps them current: status at each
   * change, counts at most every {@value #ATTRIBUTES_EVERY_MILLIS} ms of workflow time (one history
   * event each) and at the end; its volumes carry their volume id.
   */
  static final String SEARCH_ATTRIBUTES = "search-attributes";

  /** Since this version a run starts 2,000 children by default, not 500 (see JobSpec). */
  static final String LONGER_RUNS = "longer-runs";

  static final long ATTRIBUTES_EVERY_MILLIS = 10_000;

  /**
   * Since this version pause and resume reach the running volumes (their pages stop and go on, see
   * {@link VolumeWorkflowImpl#PAGE_CONTROL}), volumes' pages are counted as they finish, and a run
   * starts no child past {@value #RUN_HISTORY_LIMIT} history events (volumes' progress adds
   * events), continuing as new instead.
   */
  static final String PAGE_PAUSE = "page-pause";

  static final int RUN_HISTORY_LIMIT = 40_000;

  private void updateAttributes(String state) {
    if (!searchable) return;
    JobSearchAttributes.upsert(state, cursor);
    attributesAt = Workflow.currentTimeMillis();
  }

  private JobStatus endStatus() {
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
    if (running.contains(progress.taskId())) runningPages.put(progress.taskId(), progress);
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
    int pagesOk = cursor.pagesOk();
    int pagesFailed = cursor.pagesFailed();
    for (VolumeProgress volume : runningPages.values()) {
      pagesOk += volume.pagesOk();
      pagesFailed += volume.pagesFailed();
    }
    return new JobProgress(
        state,
        cursor.volumesDone(),
        cursor.volumesFailed(),
        running.size(),
        pagesOk,
        pagesFailed,
        concurrency,
        paused,
        cancelRequested);
  }
}
