package io.ocrbatch.workflows.watch;

import io.ocrbatch.workflows.BatchJobWorkflow;
import io.ocrbatch.workflows.JobCursor;
import io.ocrbatch.workflows.JobOutcome;
import io.ocrbatch.workflows.TaskQueues;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.Priority;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Waits (interval timer or trigger), runs once, continues as new: the history holds one run. A run
 * takes files in batches and keeps at most {@code concurrency} one-volume jobs running as child
 * workflows, each bounded by the per-file timeout.
 */
public final class WatchWorkflowImpl implements WatchWorkflow {
  private final WatchActivities activities =
      Workflow.newActivityStub(
          WatchActivities.class,
          ActivityOptions.newBuilder()
              .setTaskQueue(TaskQueues.IO)
              .setStartToCloseTimeout(Duration.ofMinutes(30))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setMaximumAttempts(5)
                      .build())
              .build());

  private String phase = "waiting";
  private boolean paused;
  private boolean triggered;
  private int runs;
  private WatchRunReport lastRun;
  private List<WatchRunReport> recentRuns = new ArrayList<>();

  @Override
  public WatchRunReport run(WatchSpec spec, WatchState state) {
    WatchState carried = state != null ? state : WatchState.initial();
    paused = carried.paused();
    triggered = carried.triggered();
    runs = carried.runs();
    lastRun = carried.lastRun();
    if (carried.recentRuns() != null) recentRuns = new ArrayList<>(carried.recentRuns());
    boolean runNow = spec.runOnce() || (runs == 0 && spec.runOnStartup());
    if (!runNow) {
      phase = "waiting";
      Workflow.await(Duration.ofSeconds(spec.intervalSeconds()), () -> triggered);
    }
    if (paused) {
      phase = "paused";
      Workflow.await(() -> !paused);
    }
    triggered = false;
    phase = "running";
    lastRun = runOnce(spec);
    runs++;
    recentRuns.add(lastRun);
    if (recentRuns.size() > WatchState.KEPT_RUNS) recentRuns.remove(0);
    if (spec.runOnce()) return lastRun;
    phase = "waiting";
    Workflow.continueAsNew(spec, new WatchState(lastRun, runs, paused, triggered, recentRuns));
    return lastRun;
  }

  private WatchRunReport runOnce(WatchSpec spec) {
    long started = Workflow.currentTimeMillis();
    Discovery found = activities.discover(spec);
    int processed = 0;
    int[] completed = {0};
    int batch = Math.max(spec.concurrency() * 4, 20);
    while (processed < spec.maxFilesPerRun()) {
      List<FileWork> taken =
          activities.claim(spec, Math.min(batch, spec.maxFilesPerRun() - processed));
      if (taken.isEmpty()) break;
      processed += taken.size();
      Deque<FileWork> queue = new ArrayDeque<>(taken);
      List<Promise<Void>> running = new ArrayList<>();
      while (!queue.isEmpty() || !running.isEmpty()) {
        while (running.size() < spec.concurrency() && !queue.isEmpty()) {
          FileWork file = queue.poll();
          running.add(
              Async.procedure(
                  () -> {
                    if (process(spec, file)) completed[0]++;
                  }));
        }
        Promise.anyOf(running).get();
        running.removeIf(Promise::isCompleted);
      }
    }
    return new WatchRunReport(
        runs + 1,
        started,
        Workflow.currentTimeMillis(),
        found.added(),
        found.changed(),
        found.skipped(),
        found.unchanged(),
        processed,
        completed[0],
        processed - completed[0]);
  }

  /** The file's job as a child workflow, then its results placed; whether it completed. */
  private boolean process(WatchSpec spec, FileWork file) {
    BatchJobWorkflow job =
        Workflow.newChildWorkflowStub(
            BatchJobWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(file.job().jobKey())
                .setTaskQueue(TaskQueues.IO)
                .setWorkflowExecutionTimeout(Duration.ofSeconds(spec.timeoutPerFileSeconds()))
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE)
                .setPriority(Priority.newBuilder().setPriorityKey(file.priority()).build())
                .build());
    JobOutcome outcome = null;
    String error = null;
    try {
      outcome = job.run(file.job(), (JobCursor) null);
    } catch (ChildWorkflowFailure e) {
      error =
          e.getCause() instanceof TimeoutFailure
              ? "timed out after " + spec.timeoutPerFileSeconds() + " s"
              : String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
    }
    return activities.finish(spec, file, outcome, error);
  }

  @Override
  public void trigger() {
    triggered = true;
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
  public WatchStatus status() {
    return new WatchStatus(
        paused && !"running".equals(phase) ? "paused" : phase,
        runs,
        paused,
        lastRun,
        List.copyOf(recentRuns));
  }
}
