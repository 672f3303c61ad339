package io.ocrbatch.api.web;

import io.ocrbatch.activities.fault.StoreUnavailableException;
import io.ocrbatch.activities.statusdb.JobStore.PendingCallback;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.statusdb.UploadStore.Upload;
import io.ocrbatch.api.ApiJson;
import io.ocrbatch.api.JobService;
import io.ocrbatch.api.JobView;
import io.ocrbatch.api.access.CallbackTargets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
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
  private final StoreHealthLog storeHealth = new StoreHealthLog("callbacks and upload clean-up");

  Housekeeping(JobService jobs, ApiSettings settings) {
    this.jobs = jobs;
    this.store = jobs.store();
    this.settings = settings;
    // Each callback connects to the addresses checked for it just before (see sendCallbacks); no
    // proxy, redirect or pooled connection leads elsewhere.
    this.http =
        new OkHttpClient.Builder()
            .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
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
    try {
      List<String> removed = removeExpired();
      storeHealth.answered();
      return removed;
    } catch (StoreUnavailableException e) {
      storeHealth.unreachable(e);
      return List.of();
    }
  }

  private List<String> removeExpired() {
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
    try {
      sendPendingCallbacks();
      storeHealth.answered();
    } catch (StoreUnavailableException e) {
      storeHealth.unreachable(e);
    }
  }

  private void sendPendingCallbacks() {
    for (PendingCallback callback : store.jobs().pendingCallbacks(CALLBACK_ATTEMPTS)) {
      String error = null;
      try {
        JobView view = JobView.of(jobs.report(jobs.find(callback.jobId(), null)));
        // Checked again now, and connected to the addresses checked: no second name lookup.
        CallbackTargets.Target target = jobs.callbackTargets().vet(callback.url());
        Request request =
            new Request.Builder()
                .url(target.url())
                .post(RequestBody.create(ApiJson.MAPPER.writeValueAsBytes(view), JSON))
                .build();
        OkHttpClient client = http.newBuilder().dns(CallbackTargets.dnsFor(target)).build();
        try (Response response = client.newCall(request).execute()) {
          int status = response.code();
          if (status / 100 == 3)
            error = "callback answered HTTP " + status + " (redirects are not followed)";
          else if (status / 100 != 2) error = "callback answered HTTP " + status;
        }
      } catch (StoreUnavailableException e) {
        throw e;
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
