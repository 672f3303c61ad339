package io.ocrbatch.api.web;

import io.ocrbatch.activities.fault.UserInput;
import io.ocrbatch.activities.intake.JobKeys;
import io.ocrbatch.activities.statusdb.JobRecord;
import io.ocrbatch.api.JobRequest;
import io.ocrbatch.api.JobService;
import io.ocrbatch.api.JobView;
import io.ocrbatch.api.VolumeResolver;
import io.ocrbatch.workflows.VolumeRef;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Jobs over HTTP: the same {@link JobService} the CLI uses. */
@RestController
@RequestMapping("/api/jobs")
@Tag(name = "jobs", description = "Submit, list, follow and control jobs")
class JobsController {
  private final JobService jobs;
  private final UploadService uploads;
  private final ProgressStreams streams;
  private final ApiSettings settings;

  JobsController(
      JobService jobs, UploadService uploads, ProgressStreams streams, ApiSettings settings) {
    this.jobs = jobs;
    this.uploads = uploads;
    this.streams = streams;
    this.settings = settings;
  }

  /**
   * A job over folders on the server's disk, S3 prefixes or BDRC archive volumes.
   *
   * @param volumes volume folders (absolute, or relative to the server's working directory), {@code
   *     s3://bucket/prefix/} prefixes, or BDRC ids ({@code W22084-I0886})
   * @param folder a folder or {@code s3://} prefix whose sub-folders (or itself) are volumes;
   *     instead of {@code volumes}
   * @param output result root, a folder or {@code s3://bucket/prefix}; default {@code
   *     <data>/results}
   * @param force redo volumes whose results exist already
   */
  record JobSubmission(
      String jobType,
      List<String> volumes,
      String folder,
      String jobKey,
      Integer priority,
      String callbackUrl,
      Integer concurrency,
      Integer dpi,
      String output,
      Boolean force) {}

  @Operation(
      summary = "Submit a job (idempotent on job_key: an existing key returns that job with 200)")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<JobView> submit(@RequestBody JobSubmission body) {
    if (body.jobType() == null) throw new IllegalArgumentException("job_type is required");
    jobs.jobType(body.jobType()); // the cheap checks first, before any volume is looked at
    if (body.jobKey() != null) JobKeys.validate(body.jobKey());
    List<VolumeRef> volumes;
    Path cwd = Path.of("").toAbsolutePath();
    if (body.folder() != null && body.volumes() != null)
      throw new IllegalArgumentException("give either volumes or folder, not both");
    if (body.folder() != null) {
      checkInput(body.folder(), "folder", cwd);
      volumes = jobs.volumes().fromFolder(body.folder(), cwd);
    } else if (body.volumes() != null) {
      for (String volume : body.volumes()) checkInput(volume, "volume", cwd);
      volumes = jobs.volumes().fromEntries(body.volumes(), cwd);
    } else {
      throw new IllegalArgumentException(
          "give volumes (folders, s3:// prefixes or BDRC ids) or folder, or upload files as multipart");
    }
    for (VolumeRef volume : volumes) checkFound(volume, cwd);
    String output = body.output() != null ? body.output() : settings.resultsDir().toString();
    settings.roots().outputs().check(output, cwd, "output");
    JobService.Submitted submitted =
        jobs.submit(
            new JobRequest(
                    body.jobType(),
                    volumes,
                    body.jobKey(),
                    output,
                    body.concurrency() == null
                        ? JobRequest.DEFAULT_CONCURRENCY
                        : body.concurrency(),
                    body.dpi() == null ? JobRequest.DEFAULT_DPI : body.dpi(),
                    body.priority() == null ? JobRequest.DEFAULT_PRIORITY : body.priority(),
                    body.callbackUrl(),
                    Boolean.TRUE.equals(body.force()))
                .confinedTo(settings.roots().forJobs()));
    return ResponseEntity.status(submitted.existed() ? HttpStatus.OK : HttpStatus.CREATED)
        .body(view(submitted.job()));
  }

  @Operation(
      summary =
          "Submit uploaded files (PDFs, images) as a one-volume job; follow it with /ocr/* too")
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<JobView> submitFiles(
      @RequestPart(value = "files", required = false) List<MultipartFile> files,
      @RequestParam("job_type") String jobType,
      @RequestParam(defaultValue = "200") int dpi,
      @RequestParam(defaultValue = "3") int priority,
      @RequestParam(value = "callback_url", required = false) String callbackUrl) {
    UploadService.Accepted accepted = uploads.accept(files, jobType, dpi, priority, callbackUrl);
    return ResponseEntity.status(HttpStatus.CREATED).body(view(accepted.job()));
  }

  @Operation(
      summary =
          "Jobs, newest first, a page of `limit` after the first `offset`; status/exclude_status are comma-separated lists")
  @GetMapping
  List<JobView> list(
      @RequestParam(value = "status", required = false) List<String> include,
      @RequestParam(value = "exclude_status", required = false) List<String> exclude,
      @RequestParam(defaultValue = "50") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    if (limit < 1 || limit > 1000)
      throw new IllegalArgumentException("limit must be between 1 and 1000");
    if (offset < 0) throw new IllegalArgumentException("offset must be 0 or more, not " + offset);
    return jobs.list(statuses(include), statuses(exclude), limit, offset).stream()
        .map(JobView::of)
        .toList();
  }

  @Operation(
      summary =
          "One job, by key or by numeric id: status, times, task and page counts, throughput, ETA, recent errors")
  @GetMapping("/{key}")
  JobView get(@PathVariable String key) {
    return view(find(key));
  }

  @Operation(
      summary =
          "Cancel: pages in flight finish, nothing new starts (Temporal signal 'cancel'); 409 if the job has ended")
  @PostMapping("/{key}/cancel")
  JobView cancel(@PathVariable String key) {
    return view(jobs.cancel(find(key)));
  }

  @Operation(
      summary =
          "Pause: running volumes' pages stop before their next one, no new volume starts"
              + " (Temporal signal 'pause')")
  @PostMapping("/{key}/pause")
  JobView pause(@PathVariable String key) {
    JobRecord job = find(key);
    jobs.pause(job);
    return view(job);
  }

  @Operation(summary = "Resume a paused job (Temporal signal 'resume')")
  @PostMapping("/{key}/resume")
  JobView resume(@PathVariable String key) {
    JobRecord job = find(key);
    jobs.resume(job);
    return view(job);
  }

  @Operation(
      summary =
          "Restart a failed or canceled job once its cause is fixed: its failed and unfinished"
              + " volumes run again with fresh attempts, finished pages are reused; 409 for any"
              + " other job")
  @PostMapping("/{key}/restart")
  JobView restart(@PathVariable String key) {
    return view(jobs.restart(find(key)));
  }

  @Operation(
      summary = "Server-Sent Events: 'progress' (the job) as pages finish, 'end' when it has ended")
  @GetMapping(value = "/{key}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter events(@PathVariable String key) {
    find(key);
    return streams.jobEvents(key);
  }

  /**
   * Local folders and s3:// prefixes must lie under the input roots; BDRC ids name the configured
   * archive.
   */
  private void checkInput(String location, String what, Path cwd) {
    if (location == null || location.isBlank())
      throw new IllegalArgumentException(what + " must not be empty");
    String entry = location.strip();
    boolean bdrc =
        VolumeResolver.namesBdrcVolume(entry)
            && (entry.startsWith("bdrc:") || !java.nio.file.Files.isDirectory(cwd.resolve(entry)));
    if (!bdrc) settings.roots().inputs().check(entry, cwd, what);
  }

  /**
   * A volume found inside a named folder (a sub-folder that is a symbolic link, say) must lie under
   * the input roots too.
   */
  private void checkFound(VolumeRef volume, Path cwd) {
    if (!volume.sourceUri().startsWith("file:")) return;
    settings
        .roots()
        .inputs()
        .check(Path.of(java.net.URI.create(volume.sourceUri())).toString(), cwd, "volume");
  }

  /**
   * By key; a number that is no job's key is taken as the job's id (what {@code job status
   * --job-id} sends).
   */
  private JobRecord find(String key) {
    return jobs.store()
        .jobs()
        .byKey(key)
        .or(
            () ->
                key.matches("\\d{1,18}")
                    ? jobs.store().jobs().byId(Long.parseLong(key))
                    : java.util.Optional.empty())
        .orElseThrow(
            () ->
                new NotFoundException(
                    "no job with key "
                        + UserInput.quote(key)
                        + (key.matches("\\d{1,18}") ? " or id " + key : "")));
  }

  private JobView view(JobRecord job) {
    return JobView.of(jobs.report(jobs.find(job.id(), null)));
  }

  private static final List<String> STATUSES =
      List.of("created", "running", "paused", "completed", "failed", "canceled");

  private static List<String> statuses(List<String> given) {
    List<String> out = new ArrayList<>();
    if (given == null) return out;
    for (String g : given) {
      for (String s : g.split(",")) {
        String status = s.strip().toLowerCase();
        if (status.isEmpty()) continue;
        if (!STATUSES.contains(status))
          throw new IllegalArgumentException(
              "unknown status " + UserInput.quote(s) + "; use " + STATUSES);
        out.add(status);
      }
    }
    return out;
  }
}
