package io.ocrbatch.api;

import io.ocrbatch.activities.engines.EngineRegistry;
import io.ocrbatch.activities.fault.UserInput;
import io.ocrbatch.activities.intake.Intake;
import io.ocrbatch.activities.intake.JobInputs;
import io.ocrbatch.activities.intake.JobLauncher;
import io.ocrbatch.activities.output.format.PageWriters;
import io.ocrbatch.activities.statusdb.JobRecord;
import io.ocrbatch.activities.statusdb.QueueStore;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.storage.Storage;
import io.ocrbatch.activities.storage.StorageSettings;
import io.ocrbatch.api.access.CallbackTargets;
import io.ocrbatch.workflows.BatchJobWorkflow;
import io.ocrbatch.workflows.JobTypeSpec;
import io.ocrbatch.workflows.RetrySettings;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.util.List;

/**
 * The job operations every client uses (the CLI and the REST API), each role in a class of its own:
 * job types (here), submission ({@link JobSubmission}), intake ({@link Intake}, beside the store so
 * the worker can call it too), control ({@link JobControl}) and reports ({@link JobReports}).
 */
public final class JobService {
  private final StatusStore store;
  private final VolumeResolver volumes;
  private final CallbackTargets callbacks;
  private final JobLauncher launcher;
  private final Intake intake;
  private final JobSubmission submission;
  private final JobControl control;
  private final JobReports reports;

  public JobService(
      WorkflowClient client,
      StatusStore store,
      RetrySettings retry,
      Clock clock,
      VolumeResolver volumes,
      CallbackTargets callbacks) {
    this.store = store;
    this.volumes = volumes;
    this.callbacks = callbacks;
    this.launcher = new JobLauncher(client, store, retry);
    this.intake = new Intake(store, launcher);
    this.submission = new JobSubmission(store, launcher, clock, volumes, callbacks);
    this.control = new JobControl(store, launcher);
    this.reports = new JobReports(store, clock);
  }

  /** Callbacks allowed as the environment says ({@code OCRBATCH_CALLBACK_ALLOW}). */
  public JobService(
      WorkflowClient client,
      StatusStore store,
      RetrySettings retry,
      Clock clock,
      VolumeResolver volumes) {
    this(client, store, retry, clock, volumes, CallbackTargets.fromEnvironment(System.getenv()));
  }

  /** With S3 and the BDRC bucket as the environment configures them. */
  public JobService(WorkflowClient client, StatusStore store, RetrySettings retry, Clock clock) {
    this(
        client,
        store,
        retry,
        clock,
        new VolumeResolver(new Storage(StorageSettings.fromEnvironment())));
  }

  /** Where callbacks may go: checked at submission and again when one is sent. */
  public CallbackTargets callbackTargets() {
    return callbacks;
  }

  /** Resolves what users name (folders, S3 prefixes, BDRC ids) into volumes. */
  public VolumeResolver volumes() {
    return volumes;
  }

  public StatusStore store() {
    return store;
  }

  /** Adds volumes to rolling intake jobs (SQS, and whatever else feeds them). */
  public Intake intake() {
    return intake;
  }

  /** A submitted job, and whether its key named an existing job (then nothing new was created). */
  public record Submitted(JobRecord job, boolean existed) {}

  public JobTypeSpec jobType(String nameOrId) {
    return JobInputs.jobType(store, nameOrId);
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
    require(
        spec.name() != null && spec.name().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}"),
        "job type name "
            + UserInput.quote(spec.name())
            + " must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    JobTypeSpec routed = EngineRegistry.validate(spec); // the engine's own fields, and its queue
    require(
        List.of("unicode", "wylie").contains(spec.encoding()),
        "encoding must be unicode or wylie, got " + UserInput.quote(spec.encoding()));
    require(
        List.of("block", "line", "auto").contains(spec.lineMode()),
        "line mode must be block, line or auto, got " + UserInput.quote(spec.lineMode()));
    PageWriters.validate(spec.outputFormats()); // formats some writer knows
    String language = spec.language() != null ? spec.language() : spec.model();
    return new JobTypeSpec(
        0,
        spec.name(),
        spec.engine(),
        spec.model(),
        language,
        spec.encoding(),
        spec.lineMode(),
        spec.outputFormats(),
        routed.queue());
  }

  private static void require(boolean ok, String message) {
    if (!ok) throw new IllegalArgumentException(message);
  }

  public Submitted submit(JobRequest request) {
    return submission.submit(request);
  }

  /** A local folder made absolute, or an {@code s3://bucket/prefix} checked and kept. */
  public static String outputRoot(String given) {
    return JobInputs.outputRoot(given);
  }

  /** Starts the job's workflow unless it runs already or the job has ended. */
  public void ensureRunning(JobRecord job) {
    launcher.ensureRunning(job);
  }

  public QueueStore.Requeue requeueFailed() {
    return control.requeueFailed();
  }

  public int reconcile() {
    return control.reconcile();
  }

  public String temporalHealth() {
    return control.temporalHealth();
  }

  public JobRecord cancel(JobRecord job) {
    return control.cancel(job);
  }

  /** Runs a failed or canceled job's failed and unfinished volumes again (see JobControl). */
  public JobRecord restart(JobRecord job) {
    return control.restart(job);
  }

  public void pause(JobRecord job) {
    control.signal(job, BatchJobWorkflow::pause);
  }

  public void resume(JobRecord job) {
    control.signal(job, BatchJobWorkflow::resume);
  }

  public void awaitEnd(JobRecord job) {
    control.awaitEnd(job);
  }

  public JobRecord find(Long jobId, String jobKey) {
    return reports.find(jobId, jobKey);
  }

  public List<JobReport> list(List<String> include, List<String> exclude, int limit) {
    return list(include, exclude, limit, 0);
  }

  /** A page of jobs, newest first: {@code limit} after the first {@code offset}. */
  public List<JobReport> list(List<String> include, List<String> exclude, int limit, int offset) {
    return reports.list(include, exclude, limit, offset);
  }

  public JobReport report(JobRecord job) {
    return reports.report(job);
  }
}
