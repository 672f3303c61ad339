package io.ocrbatch.api.web;

import io.ocrbatch.activities.statusdb.JobStore.PendingCallback;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.statusdb.UploadStore.Upload;
import io.ocrbatch.api.ApiJson;
import io.ocrbatch.api.JobService;
import io.ocrbatch.api.JobView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Background duties of the API process: removing uploads whose retention has passed, and telling
 * callback URLs that their job ended. Both read their work from the database, so a restart loses
 * nothing.
 */
@Component
class Housekeeping {
  private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
  static final int CALLBACK_ATTEMPTS = 5;
  private static final MediaType JSON = MediaType.get("application/json");

  private final JobService jobs;
  private final StatusStore store;
  private final ApiSettings settings;
  private final OkHttpClient http;

  Housekeeping(JobService jobs, ApiSettings settings) {
    this.jobs = jobs;
    this.store = jobs.store();
    this.settings = settings;
    // Every address a callback connects to passes the callback policy at that moment; no proxy or
    // redirect leads elsewhere.
    this.http =
        new OkHttpClient.Builder()
            .dns(jobs.callbackTargets().dns())
            .proxy(java.net.Proxy.NO_PROXY)
            .followRedirects(false)
            .followSslRedirects(false)
            .retryOnConnectionFailure(false)
            .connectTimeout(Duration.ofSeconds(5))
            .callTimeout(Duration.ofSeconds(10))
            .build();
  }

  /**
   * Removes the files of uploads whose job ended longer than the retention ago; returns the job
   * ids.
   */
  @Scheduled(
      initialDelay = 5_000,
      fixedDelayString = "#{@apiSettings.cleanupInterval().toMillis()}")
  List<String> removeExpiredUploads() {
    List<String> removed = new ArrayList<>();
    for (Upload upload : store.uploads().expirable(settings.retention())) {
      Path folder = Path.of(upload.folder()).toAbsolutePath().normalize();
      if (!folder.startsWith(settings.uploadsDir())) { // never delete outside the uploads folder
        log.warn(
            "Not removing upload {} of job {}: {} is outside {}",
            upload.filename(),
            upload.jobKey(),
            folder,
            settings.uploadsDir());
      } else {
        UploadService.deleteQuietly(folder);
      }
      store.uploads().markExpired(upload.jobId());
      removed.add(upload.jobKey());
    }
    if (!removed.isEmpty()) {
      log.info(
          "Removed {} expired upload(s) older than {} after their job ended: {}",
          removed.size(),
          settings.retention(),
          removed);
    }
    return removed;
  }

  /**
   * POSTs the ended job (as {@code GET /api/jobs/{key}} shows it) to its callback URL; retried on
   * the next rounds.
   */
  @Scheduled(initialDelay = 1_000, fixedDelay = 2_000)
  void sendCallbacks() {
    for (PendingCallback callback : store.jobs().pendingCallbacks(CALLBACK_ATTEMPTS)) {
      String error = null;
      try {
        JobView view = JobView.of(jobs.report(jobs.find(callback.jobId(), null)));
        String url =
            jobs.callbackTargets()
                .check(callback.url()); // again now: an address literal never reaches the Dns hook
        Request request =
            new Request.Builder()
                .url(url)
                .post(RequestBody.create(ApiJson.MAPPER.writeValueAsBytes(view), JSON))
                .build();
        try (Response response = http.newCall(request).execute()) {
          int status = response.code();
          if (status / 100 == 3)
            error = "callback answered HTTP " + status + " (redirects are not followed)";
          else if (status / 100 != 2) error = "callback answered HTTP " + status;
        }
      } catch (Exception e) {
        error = "callback failed: " + ApiErrors.rootMessage(e);
      }
      store.jobs().callbackAttempted(callback.jobId(), error);
      if (error != null) {
        log.warn(
            "Job {}: {} ({}), attempt {} of {}",
            callback.jobKey(),
            error,
            callback.url(),
            callback.attempts() + 1,
            CALLBACK_ATTEMPTS);
      } else {
        log.info("Job {}: told {} that it ended", callback.jobKey(), callback.url());
      }
    }
  }
}
