package io.ocrbatch.api.web;

import io.ocrbatch.activities.statusdb.QueueStore;
import io.ocrbatch.api.JobService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators' view of the work across all jobs, from the database. */
@RestController
@RequestMapping("/api/queue")
@Tag(name = "queue", description = "Operators: queue statistics and re-queuing failed tasks")
class QueueController {
  private final JobService jobs;

  QueueController(JobService jobs) {
    this.jobs = jobs;
  }

  @Operation(summary = "Tasks pending, processing, failed, completed today; wait times in minutes")
  @GetMapping("/stats")
  QueueStore.Stats stats() {
    QueueStore.Stats s = jobs.store().queue().stats();
    return new QueueStore.Stats(
        s.pending(),
        s.processing(),
        s.failed(),
        s.completedToday(),
        round(s.avgWaitTimeMinutes()),
        round(s.oldestPendingMinutes()));
  }

  @Operation(summary = "Re-run failed tasks that have attempts left, in jobs that have ended")
  @PostMapping("/requeue-failed")
  Map<String, Object> requeueFailed() {
    QueueStore.Requeue r = jobs.requeueFailed();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("requeued", r.requeued());
    body.put("jobs", r.jobIds().stream().map(id -> jobs.find(id, null).jobKey()).toList());
    body.put("skipped_in_running_jobs", r.inRunningJobs());
    body.put("without_attempts_left", r.exhausted());
    body.put(
        "message",
        "Re-queued "
            + r.requeued()
            + " failed task(s) in "
            + r.jobIds().size()
            + " job(s)"
            + (r.inRunningJobs() > 0
                ? "; " + r.inRunningJobs() + " in still-running jobs are left until those end"
                : "")
            + (r.exhausted() > 0 ? "; " + r.exhausted() + " have no attempts left" : ""));
    return body;
  }

  private static double round(double minutes) {
    return Math.round(minutes * 10) / 10.0;
  }
}
