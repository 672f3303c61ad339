package io.ocrbatch.cli;

import io.ocrbatch.activities.statusdb.JobRecord;
import io.ocrbatch.activities.statusdb.QueueStore;
import io.ocrbatch.api.JobRequest;
import io.ocrbatch.api.JobService;
import io.ocrbatch.api.JobView;
import io.ocrbatch.api.VolumeResolver;
import io.ocrbatch.workflows.JobTypeSpec;
import io.ocrbatch.workflows.RetrySettings;
import io.ocrbatch.workflows.VolumeRef;
import java.time.Clock;
import java.util.List;

/**
 * The client commands without {@code --server}: the status database (and Temporal to start or
 * signal jobs).
 */
final class LocalJobs implements JobsClient {
  private final Stack parts;

  LocalJobs(Stack parts) {
    this.parts = parts;
  }

  /** Reads and reports need no Temporal. */
  private JobService reader() {
    return new JobService(
        null,
        parts.store(),
        RetrySettings.defaults(),
        Clock.systemDefaultZone(),
        new VolumeResolver(parts.storage()));
  }

  private JobView view(JobService jobs, long id) {
    return JobView.of(jobs.report(jobs.find(id, null)));
  }

  @Override
  public Submitted submit(Creation c) {
    List<VolumeRef> volumes = c.volumes().resolve(parts.storage());
    JobService jobs = parts.jobs();
    JobService.Submitted submitted =
        jobs.submit(
            new JobRequest(
                c.jobType(),
                volumes,
                c.jobKey(),
                c.out(),
                c.concurrency(),
                c.dpi(),
                JobRequest.DEFAULT_PRIORITY,
                null,
                c.force()));
    return new Submitted(view(jobs, submitted.job().id()), submitted.existed());
  }

  @Override
  public JobView job(Long id, String key) {
    JobService jobs = reader();
    return view(jobs, jobs.find(id, key).id());
  }

  @Override
  public List<JobView> list(List<String> include, List<String> exclude, int limit) {
    return reader().list(include, exclude, limit).stream().map(JobView::of).toList();
  }

  @Override
  public JobView control(JobView job, String verb) {
    JobService jobs = parts.jobs();
    JobRecord record = jobs.find(job.id(), null);
    switch (verb) {
      case "cancel" -> jobs.cancel(record);
      case "pause" -> jobs.pause(record);
      case "resume" -> jobs.resume(record);
      case "restart" -> jobs.restart(record);
      default -> throw new IllegalArgumentException("unknown job action '" + verb + "'");
    }
    return view(jobs, job.id());
  }

  @Override
  public List<JobTypeSpec> jobTypes() {
    return parts.store().jobTypes().list();
  }

  @Override
  public JobTypeSpec createJobType(JobTypeSpec spec, String description) {
    if (parts.store().jobTypes().byName(spec.name()).isPresent()) {
      throw new io.ocrbatch.activities.fault.ConflictException(
          "job type '" + spec.name() + "' already exists");
    }
    return parts.store().jobTypes().create(JobService.validJobType(spec), description);
  }

  @Override
  public QueueStore.Stats queueStats() {
    return parts.store().queue().stats();
  }

  @Override
  public Requeued requeueFailed() {
    JobService jobs = parts.jobs();
    QueueStore.Requeue r = jobs.requeueFailed();
    return new Requeued(
        r.requeued(),
        r.jobIds().stream().map(id -> jobs.find(id, null).jobKey()).toList(),
        r.inRunningJobs(),
        r.exhausted());
  }

  @Override
  public void close() {
    parts.close();
  }
}
