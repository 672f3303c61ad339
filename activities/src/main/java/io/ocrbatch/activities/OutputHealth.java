package io.ocrbatch.activities;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's {@code health:} lines about output storage, as {@code DatabaseWatch} says them about
 * the database: once when a job's output starts refusing writes, every {@link #REPEAT_LOG} while it
 * does, and once when it takes writes again. Keyed by the job's output root, so a full disk says
 * one line, not one per volume.
 */
final class OutputHealth {
  private static final Logger log = LoggerFactory.getLogger(OutputHealth.class);
  static final Duration REPEAT_LOG = Duration.ofSeconds(30);

  private record Refusal(Instant since, Instant lastLog) {}

  private final String workerName;
  private final Map<String, Refusal> refused = new ConcurrentHashMap<>();

  OutputHealth(String workerName) {
    this.workerName = workerName;
  }

  /** A write under {@code root} (in {@code folder}) was refused for {@code reason}. */
  void refused(String root, String folder, String reason) {
    Instant now = Instant.now();
    Refusal before = refused.putIfAbsent(root, new Refusal(now, now));
    if (before == null) {
      log.warn(
          "Worker {} health: output {} cannot be written ({}: {}); pages stay in hand and are written"
              + " when it can be, retrying with backoff",
          workerName,
          root,
          reason,
          folder);
    } else if (Duration.between(before.lastLog(), now).compareTo(REPEAT_LOG) >= 0
        && refused.replace(root, before, new Refusal(before.since(), now))) {
      log.warn(
          "Worker {} health: output {} still cannot be written after {} s ({}: {}); pages held",
          workerName,
          root,
          Duration.between(before.since(), now).toSeconds(),
          reason,
          folder);
    }
  }

  /** A write under {@code root} went through. */
  void written(String root) {
    if (refused.isEmpty()) return;
    Refusal was = refused.remove(root);
    if (was != null) {
      log.info(
          "Worker {} health: output {} takes writes again after {} s; held pages written",
          workerName,
          root,
          Duration.between(was.since(), Instant.now()).toSeconds());
    }
  }
}
