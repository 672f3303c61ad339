package io.ocrbatch.api;

import io.ocrbatch.activities.ocr.EngineRegistry;
import io.ocrbatch.activities.output.format.PageWriters;
import io.ocrbatch.activities.storage.S3Credentials;
import io.ocrbatch.activities.storage.S3Location;
import io.ocrbatch.api.access.CallbackTargets;
import io.ocrbatch.activities.storage.Storage;
import io.ocrbatch.activities.storage.StorageSettings;
import io.ocrbatch.activities.store.JobProgressStore.Counts;
import io.ocrbatch.activities.store.UploadStore.Upload;
import io.ocrbatch.activities.store.JobRecord;
import io.ocrbatch.activities.store.JobStore;
import io.ocrbatch.activities.store.NewJob;
import io.ocrbatch.activities.store.QueueStore;
import io.ocrbatch.activities.store.StatusStore;
import io.ocrbatch.workflows.BatchJobWorkflow;
import io.ocrbatch.workflows.JobCursor;
import io.ocrbatch.workflows.JobSpec;
import io.ocrbatch.workflows.JobStatus;
import io.ocrbatch.workflows.JobTypeSpec;
import io.ocrbatch.workflows.RetrySettings;
import io.ocrbatch.workflows.TaskQueues;
import io.ocrbatch.workflows.VolumeRef;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.Priority;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job operations every client uses (the CLI and the REST API): submit idempotently by key,
 * report status from the database, control running jobs through their workflow.
 */
public final class JobService {
  private static final Logger log = LoggerFactory.getLogger(JobService.class);
  public static final int PAGES_PER_CHUNK = 10;

  private final WorkflowClient client;
  private final StatusStore store;
  private final RetrySettings retry;
  private final Clock clock;
  private final VolumeResolver volumes;
  private final CallbackTargets callbacks;

  public JobService(
      WorkflowClient client, StatusStore store, RetrySettings retry, Clock clock, VolumeResolver volumes, CallbackTargets callbacks) {
    this.client = client;
    this.store = store;
    this.retry = retry;
    this.clock = clock;
    this.volumes = volumes;
    this.callbacks = callbacks;
  }

  /** Callbacks allowed as the environment says ({@code OCRBATCH_CALLBACK_ALLOW}). */
  public JobService(WorkflowClient client, StatusStore store, RetrySettings retry, Clock clock, VolumeResolver volumes) {
    this(client, store, retry, clock, volumes, CallbackTargets.fromEnvironment(System.getenv()));
  }

  /** With S3 and the BDRC bucket as the environment configures them. */
  public JobService(WorkflowClient client, StatusStore store, RetrySettings retry, Clock clock) {
    this(client, store, retry, clock, new VolumeResolver(new Storage(StorageSettings.fromEnvironment())));
  }

  /** Where callbacks may go: checked at submission and again when one is sent. */
  public CallbackTargets callbackTargets() {
    return callbacks;
  }

  /** Resolves what users name (folders, S3 prefixes, BDRC ids) into volumes. */
  public VolumeResolver volumes() {
    return volumes;
  }

  /** A submitted job, and whether its key named an existing job (then nothing new was created). */
  public record Submitted(JobRecord job, boolean existed) {}

  public JobTypeSpec jobType(String nameOrId) {
    Optional<JobTypeSpec> type =
        nameOrId.matches("\\d+") ? store.jobTypes().byId(Long.parseLong(nameOrId)) : store.jobTypes().byName(nameOrId);
    return type.orElseThrow(
        () ->
            new IllegalArgumentException(
                "unknown job type " + UserInput.quote(nameOrId) + "; available: "
                    + store.jobTypes().list().stream().map(t -> t.id() + " " + t.name()).toList()));
  }

  /**
   * Adds a job type after checking what the engines support. The name becomes a folder of every
   * job's results, so it is kept to plain characters.
   */
  public JobTypeSpec createJobType(JobTypeSpec spec, String description) {
    return store.jobTypes().create(validJobType(spec), description);
  }

  /** The job type with its defaults filled in, or an error naming what is wrong with it. */
  public static JobTypeSpec validJobType(JobTypeSpec spec) {
    require(spec.name() != null && spec.name().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}"),
        "job type name " + UserInput.quote(spec.name()) + " must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    JobTypeSpec routed = EngineRegistry.validate(spec); // the engine's own fields, and its queue
    require(List.of("unicode", "wylie").contains(spec.encoding()), "encoding must be unicode or wylie, got " + UserInput.quote(spec.encoding()));
    require(List.of("block", "line", "auto").contains(spec.lineMode()), "line mode must be block, line or auto, got " + UserInput.quote(spec.lineMode()));
    PageWriters.validate(spec.outputFormats()); // formats some writer knows
    String language = spec.language() != null ? spec.language() : spec.model();
    return new JobTypeSpec(
        0, spec.name(), spec.engine(), spec.model(), language, spec.encoding(), spec.lineMode(), spec.outputFormats(), routed.queue());
  }

  private static void require(boolean ok, String message) {
    if (!ok) throw new IllegalArgumentException(message);
  }

  public Submitted submit(JobRequest request) {
    JobTypeSpec type = jobType(request.jobType());
    if (request.volumes().isEmpty()) throw new IllegalArgumentException("a job needs at least one volume");
    if (request.concurrency() < 1) throw new IllegalArgumentException("concurrency must be at least 1");
    if (request.dpi() < 72 || request.dpi() > 1200) throw new IllegalArgumentException("dpi must be between 72 and 1200");
    if (request.priority() < 1 || request.priority() > 5) throw new IllegalArgumentException("priority must be between 1 (most urgent) and 5");
    String callbackUrl = callbacks.check(request.callbackUrl());
    String key =
        request.jobKey() != null
            ? JobKeys.validate(request.jobKey())
            : JobKeys.generate(LocalDate.now(clock), type.name(), request.volumes())
                + (request.force() ? "-force-" + clock.millis() / 1000 : ""); // a forced re-run is a new job
    String outputRoot = outputRoot(request.outputRoot());
    List<String> locations = new java.util.ArrayList<>(request.volumes().stream().map(VolumeRef::sourceUri).toList());
    locations.add(outputRoot);
    S3Credentials.requireFor(volumes.storageSettings(), locations);
    JobStore.Created created =
        store.jobs()
            .create(
                new NewJob(
                    key, type.id(), outputRoot, request.concurrency(), request.dpi(), PAGES_PER_CHUNK,
                    retry.maxTaskAttempts(), request.volumes(), request.priority(), callbackUrl, request.force(), false));
    if (created.existed()) JobKeyReuse.requireSameVolumes(store, created.job(), request.volumes());
    ensureRunning(store.jobs().byId(created.job().id()).orElseThrow());
    return new Submitted(store.jobs().byKey(key).orElseThrow(), created.existed());
  }

  /** A local folder made absolute, or an {@code s3://bucket/prefix} checked and kept. */
  public static String outputRoot(String given) {
    if (given == null || given.isBlank()) throw new IllegalArgumentException("an output folder or s3:// prefix is required");
    if (S3Location.isS3(given)) {
      S3Location location = S3Location.parse(given);
      return new S3Location(location.bucket(), location.prefix()).toString().replaceAll("/$", "");
    }
    return Path.of(given).toAbsolutePath().normalize().toString();
  }

  /** What {@link #addToIntake} did: the intake job, and how many of the volumes were new to it. */
  public record Intake(JobRecord job, int added) {}

  /**
   * Adds volumes to a rolling intake job, creating or reopening it, then tells its workflow
   * through signal-with-start. The job is {@code jobKey} when given, else the one of the job type
   * and priority ({@code intake-<type>}, or {@code intake-<type>-p<n>} for a priority other than 3).
   * A volume already in the job adds nothing, so a redelivered message creates no work. Returns
   * once Temporal has accepted the signal.
   */
  public Intake addToIntake(String jobTypeName, int priority, List<VolumeRef> volumes, String output, String jobKey) {
    JobTypeSpec type = jobType(jobTypeName);
    if (priority < 1 || priority > 5) throw new IllegalArgumentException("priority must be between 1 (most urgent) and 5");
    String key =
        jobKey != null
            ? JobKeys.validate(jobKey)
            : "intake-" + type.name() + (priority == JobRequest.DEFAULT_PRIORITY ? "" : "-p" + priority);
    JobStore.Created created =
        store.jobs()
            .create(
                new NewJob(
                    key, type.id(), outputRoot(output), JobRequest.DEFAULT_CONCURRENCY, JobRequest.DEFAULT_DPI,
                    PAGES_PER_CHUNK, retry.maxTaskAttempts(), volumes, priority, null, false, true));
    long jobId = created.job().id();
    int added = volumes.size();
    if (created.existed()) {
      if (created.job().cancelRequested() && !created.job().status().finished()) {
        // its workflow is stopping and would ignore the signal: keep the message until it has ended
        throw new IllegalStateException("intake job " + key + " is being canceled; try again when it has ended");
      }
      store.jobs().reopen(jobId);
      added = store.jobs().addTasks(jobId, volumes, retry.maxTaskAttempts());
    }
    JobRecord job = store.jobs().byId(jobId).orElseThrow();
    try {
      BatchJobWorkflow workflow = workflowStub(job);
      BatchRequest request = client.newSignalWithStartRequest();
      request.add(workflow::run, spec(job), (JobCursor) null);
      request.add(workflow::volumesAdded);
      client.signalWithStart(request);
    } catch (RuntimeException e) {
      throw unreachableOr(e);
    }
    return new Intake(store.jobs().byId(jobId).orElseThrow(), added);
  }

  /**
   * Starts the job's workflow unless it runs already or the job has ended. Tasks already done
   * are skipped by their success markers and finished pages by their outputs.
   */
  public void ensureRunning(JobRecord job) {
    if (job.status().finished()) return;
    if (job.cancelRequested()) { // canceled while its last process died: finish the cancel
      store.jobs().markFinished(job.id(), JobStatus.CANCELED);
      return;
    }
    BatchJobWorkflow workflow = workflowStub(job);
    try {
      WorkflowClient.start(workflow::run, spec(job), (JobCursor) null);
      log.info("Started workflow for job {}", job.jobKey());
    } catch (WorkflowExecutionAlreadyStarted e) {
      log.debug("Job {} is already running", job.jobKey());
    } catch (RuntimeException e) {
      throw unreachableOr(e);
    }
  }

  private JobSpec spec(JobRecord job) {
    JobTypeSpec type = store.jobTypes().byId(job.typeId()).orElseThrow();
    return new JobSpec(
        job.id(), job.jobKey(), type, job.outputRoot(), job.concurrency(), job.dpi(), job.pagesPerChunk(),
        new RetrySettings(job.maxAttempts(), retry.maxActivityAttempts(), retry.initialIntervalMillis(), retry.heartbeatTimeoutMillis()),
        0, job.intake());
  }

  private BatchJobWorkflow workflowStub(JobRecord job) {
    return client.newWorkflowStub(
        BatchJobWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(job.jobKey())
            .setTaskQueue(TaskQueues.IO)
            .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .setPriority(Priority.newBuilder().setPriorityKey(job.priority()).build())
            .build());
  }

  private RuntimeException unreachableOr(RuntimeException e) {
    return OrchestrationUnavailableException.isUnreachable(e)
        ? new OrchestrationUnavailableException(client.getWorkflowServiceStubs().getOptions().getTarget(), e)
        : e;
  }

  /** Re-runs failed tasks that have attempts left, in jobs that have ended; see {@link QueueStore#requeueFailed}. */
  public QueueStore.Requeue requeueFailed() {
    QueueStore.Requeue requeue = store.queue().requeueFailed();
    for (long jobId : requeue.jobIds()) ensureRunning(store.jobs().byId(jobId).orElseThrow());
    return requeue;
  }

  /** Restarts every job the database says is unfinished (the in-process Temporal keeps nothing). */
  public int reconcile() {
    List<JobRecord> unfinished = store.jobs().unfinished();
    unfinished.forEach(this::ensureRunning);
    return unfinished.size();
  }

  /** Checks that Temporal answers; returns its address. */
  public String temporalHealth() {
    var stubs = client.getWorkflowServiceStubs();
    stubs.blockingStub()
        .withDeadlineAfter(3, java.util.concurrent.TimeUnit.SECONDS)
        .getSystemInfo(io.temporal.api.workflowservice.v1.GetSystemInfoRequest.getDefaultInstance());
    String target = stubs.getOptions().getTarget();
    return target == null ? "in-process" : target;
  }

  public StatusStore store() {
    return store;
  }

  public JobRecord find(Long jobId, String jobKey) {
    Optional<JobRecord> job = jobId != null ? store.jobs().byId(jobId) : store.jobs().byKey(jobKey);
    return job.orElseThrow(
        () -> new IllegalArgumentException("no job with " + (jobId != null ? "id " + jobId : "key " + UserInput.quote(jobKey))));
  }

  public List<JobReport> list(List<String> include, List<String> exclude, int limit) {
    return list(include, exclude, limit, 0);
  }

  /** A page of jobs, newest first: {@code limit} after the first {@code offset}. */
  public List<JobReport> list(List<String> include, List<String> exclude, int limit, int offset) {
    return store.jobs().list(include, exclude, limit, offset).stream().map(this::report).toList();
  }

  public JobReport report(JobRecord job) {
    Counts counts = store.progress().counts(job.id());
    Instant start = job.startedAt() != null ? job.startedAt() : counts.firstPageAt();
    Instant end = job.finishedAt() != null ? job.finishedAt() : Instant.now(clock);
    double hours = start == null ? 0 : Math.max(1, Duration.between(start, end).toMillis()) / 3_600_000.0;
    double pagesPerHour = hours == 0 ? 0 : counts.pagesFinished() / hours;
    double tasksPerHour = hours == 0 ? 0 : (counts.done() + counts.terminal()) / hours;
    Duration eta = null;
    long remaining = counts.pagesTotalEstimate() - counts.pagesFinished();
    if (!job.status().finished() && pagesPerHour > 0 && remaining > 0) {
      eta = Duration.ofSeconds(Math.round(remaining / pagesPerHour * 3600));
    }
    String uploadedFile = store.uploads().byJobKey(job.jobKey()).map(Upload::filename).orElse(null);
    return new JobReport(job, counts, pagesPerHour, tasksPerHour, eta, store.tasks().recentErrors(job.id(), 5), uploadedFile);
  }

  /**
   * Asks the job to stop: pages in flight finish, nothing new starts, the job ends canceled. A job
   * that has ended is a conflict: there is nothing left to cancel.
   */
  public JobRecord cancel(JobRecord job) {
    if (job.status().finished()) {
      throw new IllegalStateException("job " + job.jobKey() + " (id " + job.id() + ") has already ended ("
          + job.status().dbName() + "); there is nothing to cancel");
    }
    try {
      client.newWorkflowStub(BatchJobWorkflow.class, job.jobKey()).cancel();
    } catch (WorkflowNotFoundException e) { // no workflow left to tell
      store.jobs().requestCancel(job.id());
      store.jobs().markFinished(job.id(), JobStatus.CANCELED);
    } catch (RuntimeException e) {
      throw unreachableOr(e);
    }
    return store.jobs().byId(job.id()).orElseThrow();
  }

  public void pause(JobRecord job) {
    signal(job, BatchJobWorkflow::pause);
  }

  public void resume(JobRecord job) {
    signal(job, BatchJobWorkflow::resume);
  }

  private void signal(JobRecord job, java.util.function.Consumer<BatchJobWorkflow> signal) {
    if (job.status().finished()) {
      throw new IllegalStateException("job " + job.jobKey() + " has ended (" + job.status().dbName() + ")");
    }
    try {
      signal.accept(client.newWorkflowStub(BatchJobWorkflow.class, job.jobKey()));
    } catch (WorkflowNotFoundException e) {
      throw new IllegalStateException("job " + job.jobKey() + " has no running workflow; it is restarted when a worker process (dev) starts");
    } catch (RuntimeException e) {
      throw unreachableOr(e);
    }
  }

  /** Blocks until the job's workflow ends (following continue-as-new). */
  public void awaitEnd(JobRecord job) {
    WorkflowStub.fromTyped(client.newWorkflowStub(BatchJobWorkflow.class, job.jobKey())).getResult(Object.class);
  }
}
