package io.ocrbatch.api;

import io.ocrbatch.activities.fault.BadInputException;
import io.ocrbatch.activities.intake.JobInputs;
import io.ocrbatch.activities.intake.JobKeys;
import io.ocrbatch.activities.intake.JobLauncher;
import io.ocrbatch.activities.statusdb.JobStore;
import io.ocrbatch.activities.statusdb.NewJob;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.storage.S3Credentials;
import io.ocrbatch.api.access.CallbackTargets;
import io.ocrbatch.workflows.JobTypeSpec;
import io.ocrbatch.workflows.VolumeRef;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Submitting a whole job: checked, recorded idempotently by key, then started. */
final class JobSubmission {
  private final StatusStore store;
  private final JobLauncher launcher;
  private final Clock clock;
  private final VolumeResolver volumes;
  private final CallbackTargets callbacks;

  JobSubmission(
      StatusStore store,
      JobLauncher launcher,
      Clock clock,
      VolumeResolver volumes,
      CallbackTargets callbacks) {
    this.store = store;
    this.launcher = launcher;
    this.clock = clock;
    this.volumes = volumes;
    this.callbacks = callbacks;
  }

  JobService.Submitted submit(JobRequest request) {
    JobTypeSpec type = JobInputs.jobType(store, request.jobType());
    if (request.volumes().isEmpty()) throw new BadInputException("a job needs at least one volume");
    if (request.concurrency() < 1) throw new BadInputException("concurrency must be at least 1");
    if (request.dpi() != 0 && (request.dpi() < 72 || request.dpi() > 1200))
      throw new BadInputException(
          "dpi must be between 72 and 1200, or 0 for each image's own (else 300)");
    JobInputs.priority(request.priority());
    String callbackUrl = callbacks.check(request.callbackUrl());
    String key =
        request.jobKey() != null
            ? JobKeys.validate(request.jobKey())
            : JobKeys.generate(LocalDate.now(clock), type.name(), request.volumes())
                + (request.force()
                    ? "-force-" + clock.millis() / 1000
                    : ""); // a forced re-run is a new job
    String outputRoot = JobInputs.outputRoot(request.outputRoot());
    List<String> locations =
        new ArrayList<>(request.volumes().stream().map(VolumeRef::sourceUri).toList());
    locations.add(outputRoot);
    S3Credentials.requireFor(volumes.storageSettings(), locations);
    JobStore.Created created =
        store
            .jobs()
            .create(
                new NewJob(
                    key,
                    type.id(),
                    outputRoot,
                    request.concurrency(),
                    request.dpi(),
                    JobInputs.PAGES_PER_CHUNK,
                    launcher.retry().maxTaskAttempts(),
                    request.volumes(),
                    request.priority(),
                    callbackUrl,
                    request.force(),
                    false,
                    request.roots()));
    if (created.existed()) JobKeyReuse.requireSameVolumes(store, created.job(), request.volumes());
    launcher.ensureRunning(store.jobs().byId(created.job().id()).orElseThrow());
    return new JobService.Submitted(store.jobs().byKey(key).orElseThrow(), created.existed());
  }
}
