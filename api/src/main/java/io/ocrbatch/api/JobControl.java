package io.ocrbatch.api;

import io.ocrbatch.activities.fault.ConflictException;
import io.ocrbatch.activities.intake.JobLauncher;
import io.ocrbatch.activities.statusdb.JobRecord;
import io.ocrbatch.activities.statusdb.QueueStore;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.workflows.BatchJobWorkflow;
import io.ocrbatch.workflows.JobStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Running jobs steered through their workflows: cancel, pause, resume, requeue, restart. */
final class JobControl {
  private final StatusStore store;
  private final JobLauncher launcher;
  private final WorkflowClient client;

  JobControl(StatusStore store, JobLauncher launcher) {
    this.store = store;
    this.launcher = launcher;
    this.client = launcher.client();
  }

  /**
   * Asks the job to stop: pages in flight finish, nothing new starts, the job ends canceled. A job
   * that has ended is a conflict: there is nothing left to cancel.
   */
  JobRecord cancel(JobRecord job) {
    if (job.status().finished()) {
      throw new ConflictException(
          "job "
              + job.jobKey()
              + " (id "
              + job.id()
              + ") has already ended ("
              + job.status().dbName()
              + "); there is nothing to cancel");
    }
    try {
      client.newWorkflowStub(BatchJobWorkflow.class, job.jobKey()).cancel();
    } catch (WorkflowNotFoundException e) { // no workflow left to tell
      store.jobs().requestCancel(job.id());
      store.jobs().markFinished(job.id(), JobStatus.CANCELED);
    } catch (RuntimeException e) {
      throw launcher.unavailableOr(e);
    }
    return store.jobs().byId(job.id()).orElseThrow();
  }

  void signal(JobRecord job, Consumer<BatchJobWorkflow> signal) {
    if (job.status().finished()) {
      throw new ConflictException(
          "job "
              + job.jobKey()
              + " has ended ("
              + job.status().dbName()
              + ")"
              + (job.status() == JobStatus.COMPLETED
                  ? ""
                  : "; restart it to run its failed and unfinished volumes again"));
    }
    try {
      signal.accept(client.newWorkflowStub(BatchJobWorkflow.class, job.jobKey()));
    } catch (WorkflowNotFoundException e) {
      throw new ConflictException(
          "job "
              + job.jobKey()
              + " has no running workflow; it is restarted when a worker process (dev) starts");
    } catch (RuntimeException e) {
      throw launcher.unavailableOr(e);
    }
  }

  /**
   * Runs a failed or canceled job again under its key, once its cause is fixed: its failed and
   * unfinished volumes go back to pending with fresh attempts, and its workflow starts; finished
   * volumes and pages are reused (nothing is OCRed twice). Any other job is a conflict.
   */
  JobRecord restart(JobRecord job) {
    if (job.status() != JobStatus.FAILED && job.status() != JobStatus.CANCELED) {
      throw new ConflictException(
          "job "
              + job.jobKey()
              + " is "
              + job.status().dbName()
              + (job.status() == JobStatus.COMPLETED
                  ? ": nothing failed to restart (give a new job key to OCR its volumes again)"
                  : ": only a failed or canceled job is restarted (pause, resume or cancel this one)"));
    }
    awaitWorkflowEnd(job);
    store
        .queue()
        .restart(job.id())
        .orElseThrow(
            () -> new ConflictException("job " + job.jobKey() + " changed state; try again"));
    JobRecord now = store.jobs().byId(job.id()).orElseThrow();
    launcher.ensureRunning(now);
    return store.jobs().byId(job.id()).orElseThrow();
  }

  /** The run that ended the job records its end last: it may still be closing. */
  private void awaitWorkflowEnd(JobRecord job) {
    try {
      WorkflowStub.fromTyped(client.newWorkflowStub(BatchJobWorkflow.class, job.jobKey()))
          .getResult(10, TimeUnit.SECONDS, Object.class);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new ConflictException(
          "job " + job.jobKey() + "'s workflow is still ending; try again in a moment");
    } catch (WorkflowException e) {
      // it ended (failed, canceled, terminated) or is forgotten: either way it no longer runs
    } catch (RuntimeException e) {
      throw launcher.unavailableOr(e);
    }
  }

  /**
   * Re-runs failed tasks that have attempts left, in jobs that have ended; see {@link
   * QueueStore#requeueFailed}.
   */
  QueueStore.Requeue requeueFailed() {
    QueueStore.Requeue requeue = store.queue().requeueFailed();
    for (long jobId : requeue.jobIds())
      launcher.ensureRunning(store.jobs().byId(jobId).orElseThrow());
    return requeue;
  }

  /** Restarts every job the database says is unfinished (the in-process Temporal keeps nothing). */
  int reconcile() {
    List<JobRecord> unfinished = store.jobs().unfinished();
    unfinished.forEach(launcher::ensureRunning);
    return unfinished.size();
  }

  /** Checks that Temporal answers; returns its address. */
  String temporalHealth() {
    var stubs = client.getWorkflowServiceStubs();
    stubs
        .blockingStub()
        .withDeadlineAfter(3, TimeUnit.SECONDS)
        .getSystemInfo(
            io.temporal.api.workflowservice.v1.GetSystemInfoRequest.getDefaultInstance());
    String target = stubs.getOptions().getTarget();
    return target == null ? "in-process" : target;
  }

  /** Blocks until the job's workflow ends (following continue-as-new). */
  void awaitEnd(JobRecord job) {
    WorkflowStub.fromTyped(client.newWorkflowStub(BatchJobWorkflow.class, job.jobKey()))
        .getResult(Object.class);
  }
}
