package io.ocrbatch.cli;

import io.ocrbatch.activities.storage.BdrcVolume;
import io.ocrbatch.activities.storage.S3Location;
import io.ocrbatch.activities.storage.Storage;
import io.ocrbatch.activities.storage.StorageSettings;
import io.ocrbatch.activities.store.JobRecord;
import io.ocrbatch.api.ApiJson;
import io.ocrbatch.api.JobReport;
import io.ocrbatch.api.JobView;
import java.util.Map;
import io.ocrbatch.api.JobRequest;
import io.ocrbatch.api.JobService;
import io.ocrbatch.api.VolumeResolver;
import io.ocrbatch.workflows.VolumeRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** BDRC-style job commands against a running stack ({@code dev}, or Temporal + PostgreSQL). */
@Command(
    name = "job",
    description = "Create, inspect and cancel jobs on a running stack.",
    subcommands = {
      JobCommands.Create.class, JobCommands.Status.class, JobCommands.Cancel.class,
      JobCommands.Pause.class, JobCommands.Resume.class
    })
final class JobCommands {

  static final class VolumeSource {
    @Option(
        names = "--volumes",
        split = ",",
        description = "Volumes, comma-separated: folders, s3://bucket/prefix/ or BDRC ids (W22084-I0886).")
    List<String> volumes;

    @Option(names = "--volume-file", description = "File with one volume (folder, s3:// prefix or BDRC id) per line (# comments allowed).")
    Path volumeFile;

    @Option(names = "--folder", description = "Folder or s3:// prefix whose sub-folders are volumes.")
    String folder;

    List<VolumeRef> resolve(Storage storage) {
      VolumeResolver resolver = new VolumeResolver(storage);
      if (volumes != null) return resolver.fromEntries(volumes, Path.of(""));
      if (volumeFile != null) return resolver.fromVolumeFile(volumeFile);
      return resolver.fromFolder(folder, Path.of(""));
    }
  }

  /** How the server names a resolved volume: a path, an s3:// prefix or bdrc:W…-I…. */
  static String entryFor(VolumeRef volume) {
    String uri = volume.sourceUri();
    if (uri.startsWith("file:")) return Path.of(java.net.URI.create(uri)).toString();
    if (BdrcVolume.isBdrcUri(uri)) {
      return BdrcVolume.fromUri(uri).map(l -> "bdrc:" + l.volume().volumeId()).orElse(uri);
    }
    return uri;
  }

  @Command(name = "create", description = "Create a job; an existing key returns the existing job.")
  static final class Create implements Callable<Integer> {
    @Option(names = {"--type-id", "--type"}, required = true, description = "Job type id or name.")
    String typeId;

    @ArgGroup(multiplicity = "1")
    VolumeSource source;

    @Option(names = "--job-key", description = "Job key (default: J<date>_<hash of type and volumes>).")
    String jobKey;

    @Option(names = "--out", defaultValue = "out", description = "Result folder or s3://bucket/prefix (default: ./out).")
    String out;

    @Option(names = "--force", description = "Redo volumes and pages whose results exist already.")
    boolean force;

    @Option(names = "--concurrency", defaultValue = "4", description = "Volumes at once (default: 4).")
    int concurrency;

    @Option(names = "--dpi", defaultValue = "300", description = "Scan resolution (default: 300).")
    int dpi;

    @Mixin StackOptions stack;

    @Override
    public Integer call() {
      List<VolumeRef> volumes;
      try (Storage storage = new Storage(StorageSettings.fromEnvironment())) {
        volumes = source.resolve(storage);
      }
      RemoteJobs remote = stack.remoteOrNull();
      if (remote != null) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("job_type", typeId);
        body.put("volumes", volumes.stream().map(JobCommands::entryFor).toList());
        body.put("job_key", jobKey);
        body.put("output", S3Location.isS3(out) ? out : Path.of(out).toAbsolutePath().toString());
        body.put("force", force);
        body.put("concurrency", concurrency);
        body.put("dpi", dpi);
        JobView job = remote.submit(body);
        System.out.printf("job_key=%s job_id=%d%n", job.jobKey(), job.id());
        System.err.printf("Job %s (id %d): %d volume(s), type %s, status %s%n", job.jobKey(), job.id(), job.tasks().total(), job.jobType(), job.status());
        return ExitCodes.OK;
      }
      try (Stack parts = new Stack(stack)) {
        JobService.Submitted submitted =
            parts.jobs().submit(
                new JobRequest(typeId, volumes, jobKey, out, concurrency, dpi, JobRequest.DEFAULT_PRIORITY, null, force));
        JobRecord job = submitted.job();
        System.out.printf("job_key=%s job_id=%d%n", job.jobKey(), job.id());
        System.err.printf(
            "%s job %s (id %d): %d volume(s), type %s, status %s%n",
            submitted.existed() ? "Existing" : "Created", job.jobKey(), job.id(), job.totalTasks(), job.typeName(),
            job.status().dbName());
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "status", description = "Show jobs: status, progress, throughput, ETA and recent errors.")
  static final class Status implements Callable<Integer> {
    @Option(names = "--job-id", description = "One job by id.")
    Long jobId;

    @Option(names = "--job-key", description = "One job by key.")
    String jobKey;

    @Option(names = "--include-status", split = ",", description = "Only jobs with these statuses.")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude-status", split = ",", description = "Hide these statuses (default: canceled,failed).")
    List<String> exclude;

    @Option(names = "--all", description = "Show every status.")
    boolean all;

    @Option(names = "--limit", defaultValue = "20", description = "At most this many jobs (default: 20).")
    int limit;

    @Option(names = "--json", description = "Print the reports as a JSON array (for scripts).")
    boolean json;

    @Mixin StackOptions stack;

    @Override
    public Integer call() throws Exception {
      List<String> hidden = all || !include.isEmpty() ? List.of() : exclude != null ? exclude : Arrays.asList("canceled", "failed");
      List<String> shown = all ? List.of() : include;
      List<JobView> views;
      RemoteJobs remote = stack.remoteOrNull();
      if (remote != null) {
        if (jobId != null) throw new IllegalArgumentException("with --server, name the job by --job-key");
        views = jobKey != null ? List.of(remote.get(jobKey)) : remote.list(shown, hidden, limit);
      } else {
        try (Stack parts = new Stack(stack)) {
          JobService jobs = new JobService(null, parts.store(), io.ocrbatch.workflows.RetrySettings.defaults(), java.time.Clock.systemDefaultZone());
          List<JobReport> reports =
              jobId != null || jobKey != null ? List.of(jobs.report(jobs.find(jobId, jobKey))) : jobs.list(shown, hidden, limit);
          views = reports.stream().map(JobView::of).toList();
        }
      }
      if (json) {
        System.out.println(ApiJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(views));
        return ExitCodes.OK;
      }
      if (views.isEmpty()) System.out.println("No jobs.");
      views.forEach(v -> System.out.print(JobStatusFormat.format(v)));
      return ExitCodes.OK;
    }
  }

  /** A command acting on one job, identified by id or key, through its workflow. */
  abstract static class JobControl implements Callable<Integer> {
    @Option(names = "--job-id", description = "Job id.")
    Long jobId;

    @Option(names = "--job-key", description = "Job key.")
    String jobKey;

    @Mixin StackOptions stack;

    abstract String verb();

    abstract void apply(JobService jobs, JobRecord job);

    @Override
    public Integer call() {
      if (jobId == null && jobKey == null) throw new IllegalArgumentException("give --job-id or --job-key");
      RemoteJobs remote = stack.remoteOrNull();
      if (remote != null) {
        if (jobKey == null) throw new IllegalArgumentException("with --server, name the job by --job-key");
        JobView now = remote.control(jobKey, verb().toLowerCase());
        System.out.printf("%s requested for job %s (id %d); status now %s%n", verb(), now.jobKey(), now.id(), now.status());
        return ExitCodes.OK;
      }
      try (Stack parts = new Stack(stack)) {
        JobService jobs = parts.jobs();
        JobRecord job = jobs.find(jobId, jobKey);
        apply(jobs, job);
        JobRecord now = jobs.find(job.id(), null);
        System.out.printf("%s requested for job %s (id %d); status now %s%n", verb(), now.jobKey(), now.id(), now.status().dbName());
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "cancel", description = "Cancel a job: pages in flight finish, nothing new starts.")
  static final class Cancel extends JobControl {
    String verb() {
      return "Cancel";
    }

    void apply(JobService jobs, JobRecord job) {
      jobs.cancel(job);
    }
  }

  @Command(name = "pause", description = "Pause a job: running volumes finish, no new volume starts until resume.")
  static final class Pause extends JobControl {
    String verb() {
      return "Pause";
    }

    void apply(JobService jobs, JobRecord job) {
      jobs.pause(job);
    }
  }

  @Command(name = "resume", description = "Resume a paused job.")
  static final class Resume extends JobControl {
    String verb() {
      return "Resume";
    }

    void apply(JobService jobs, JobRecord job) {
      jobs.resume(job);
    }
  }
}
