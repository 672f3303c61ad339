package io.ocrbatch.worker;

import io.ocrbatch.activities.statusdb.DatabaseHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a worker off Temporal's queues while its status database is unreachable: a task it took
 * then would only fail (and use up an attempt) where a healthy worker would run it. Probes the
 * database every {@link #HEALTHY_INTERVAL} (at once when a statement could not reach it); when it
 * does not answer, suspends polling, says so in the log every {@link #REPEAT_LOG}, probes again
 * with backoff (1 s doubling to {@link #MAX_BACKOFF}), and resumes polling when it answers.
 */
final class DatabaseWatch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DatabaseWatch.class);
  static final Duration HEALTHY_INTERVAL = Duration.ofSeconds(10);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  static final Duration REPEAT_LOG = Duration.ofSeconds(30);

  /** What the watch switches: the worker's pollers. */
  interface Polling {
    void suspend();

    void resume();
  }

  private final DatabaseHealth health;
  private final Polling polling;
  private final String workerName;
  private final Semaphore wake = new Semaphore(0);
  private final Thread thread;
  private volatile boolean suspended;
  private volatile boolean closed;

  DatabaseWatch(DatabaseHealth health, Polling polling, String workerName) {
    this.health = health;
    this.polling = polling;
    this.workerName = workerName;
    health.onConnectionFailure(wake::release);
    thread = new Thread(this::run, "database-watch-" + workerName);
    thread.setDaemon(true);
  }

  DatabaseWatch start() {
    thread.start();
    return this;
  }

  /** Whether the worker takes work (false while its database is unreachable). */
  boolean polling() {
    return !suspended;
  }

  private void run() {
    Duration backoff = Duration.ofSeconds(1);
    Instant lastLog = Instant.EPOCH;
    while (!closed) {
      DatabaseHealth.State state = health.check();
      if (!state.up()) {
        if (!suspended) {
          polling.suspend();
          suspended = true;
          lastLog = Instant.now();
          log.warn(
              "Worker {} health: status database {} unreachable ({}); polling suspended until it answers",
              workerName,
              target(),
              state.error());
        } else if (Duration.between(lastLog, Instant.now()).compareTo(REPEAT_LOG) >= 0) {
          lastLog = Instant.now();
          log.warn(
              "Worker {} health: status database {} still unreachable after {} s ({}); polling suspended",
              workerName,
              target(),
              secondsSince(state.since()),
              state.error());
        }
      } else if (suspended) {
        polling.resume();
        suspended = false;
        backoff = Duration.ofSeconds(1);
        log.info(
            "Worker {} health: status database {} answers again; polling resumed",
            workerName,
            target());
      }
      Duration wait = suspended ? backoff : HEALTHY_INTERVAL;
      if (suspended) backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
      try {
        if (wake.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) wake.drainPermits();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private String target() {
    return DatabaseHealth.redact(health.target());
  }

  private static long secondsSince(Instant since) {
    return Duration.between(since, Instant.now()).toSeconds();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
