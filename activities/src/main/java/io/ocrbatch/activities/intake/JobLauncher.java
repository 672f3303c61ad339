package io.ocrbatch.activities.intake;

import io.ocrbatch.activities.fault.OrchestrationUnavailableException;
import io.ocrbatch.activities.statusdb.JobRecord;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.visibility.SearchAttributeSetup;
import io.ocrbatch.workflows.BatchJobWorkflow;
import io.ocrbatch.workflows.JobCursor;
import io.ocrbatch.workflows.JobSearchAttributes;
import io.ocrbatch.workflows.JobSpec;
import io.ocrbatch.workflows.JobStatus;
import io.ocrbatch.workflows.JobTypeSpec;
import io.ocrbatch.workflows.RetrySettings;
import io.ocrbatch.workflows.TaskQueues;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.Priority;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a recorded job's workflow, or tells a running one that volumes were added. Needs only a
 * {@link WorkflowClient}, so an activity in the worker can use it as well as the API.
 */
public final class JobLauncher {
  private static final Logger log = LoggerFactory.getLogger(JobLauncher.class);

  private final WorkflowClient client;
  private final StatusStore store;
  private final RetrySettings retry;
  private final SearchAttributeSetup searchAttributes;

  public JobLauncher(WorkflowClient client, StatusStore store, RetrySettings retry) {
    this.client = client;
    this.store = store;
    this.retry = retry;
    this.searchAttributes = new SearchAttributeSetup(client);
  }

  public WorkflowClient client() {
    return client;
  }

  public RetrySettings retry() {
    return retry;
  }

  /**
   * Starts the job's workflow unless it runs already or the job has ended. Tasks already done are
   * skipped by their success markers and finished pages by their outputs.
   */
  public void ensureRunning(JobRecord job) {
    if (job.status().finished()) return;
    if (job.cancelRequested()) { // canceled while its last process died: finish the cancel
      store.jobs().markFinished(job.id(), JobStatus.CANCELED);
      return;
    }
    BatchJobWorkflow workflow = stub(job);
    try {
      WorkflowClient.start(workflow::run, spec(job), (JobCursor) null);
      log.info("Started workflow for job {}", job.jobKey());
    } catch (WorkflowExecutionAlreadyStarted e) {
      log.debug("Job {} is already running", job.jobKey());
    } catch (RuntimeException e) {
      throw unavailableOr(e);
    }
  }

  /**
   * Signal-with-start: the job's workflow learns of new volumes, started first if it is not
   * running.
   */
  public void volumesAdded(JobRecord job) {
    try {
      BatchJobWorkflow workflow = stub(job);
      BatchRequest request = client.newSignalWithStartRequest();
      request.add(workflow::run, spec(job), (JobCursor) null);
      request.add(workflow::volumesAdded);
      client.signalWithStart(request);
    } catch (RuntimeException e) {
      throw unavailableOr(e);
    }
  }

  /**
   * Temporal not answering becomes {@link OrchestrationUnavailableException}; anything else is
   * kept.
   */
  public RuntimeException unavailableOr(RuntimeException e) {
    return OrchestrationUnavailableException.isUnreachable(e)
        ? new OrchestrationUnavailableException(
            client.getWorkflowServiceStubs().getOptions().getTarget(), e)
        : e;
  }

  private JobSpec spec(JobRecord job) {
    JobTypeSpec type = store.jobTypes().byId(job.typeId()).orElseThrow();
    return new JobSpec(
        job.id(),
        job.jobKey(),
        type,
        job.outputRoot(),
        job.concurrency(),
        job.dpi(),
        job.pagesPerChunk(),
        new RetrySettings(
            job.maxAttempts(),
            retry.maxActivityAttempts(),
            retry.initialIntervalMillis(),
            retry.heartbeatTimeoutMillis()),
        0,
        job.intake(),
        job.roots());
  }

  private static Map<String, Object> memo(JobRecord job) {
    Map<String, Object> memo = new LinkedHashMap<>();
    memo.put(JobSearchAttributes.MEMO_JOB_KEY, job.jobKey());
    if (job.typeName() != null) memo.put(JobSearchAttributes.MEMO_JOB_TYPE, job.typeName());
    if (job.outputRoot() != null) memo.put(JobSearchAttributes.MEMO_OUTPUT, job.outputRoot());
    memo.put(JobSearchAttributes.MEMO_VOLUMES, job.totalTasks());
    return memo;
  }

  private BatchJobWorkflow stub(JobRecord job) {
    WorkflowOptions.Builder options = WorkflowOptions.newBuilder().setMemo(memo(job));
    if (searchAttributes.registered()) {
      options.setTypedSearchAttributes(
          JobSearchAttributes.atStart(job.jobKey(), job.typeName(), job.totalTasks()));
    }
    return client.newWorkflowStub(
        BatchJobWorkflow.class,
        options
            .setWorkflowId(job.jobKey())
            .setTaskQueue(TaskQueues.IO)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .setPriority(Priority.newBuilder().setPriorityKey(job.priority()).build())
            .build());
  }
}
