package io.ocrbatch.activities.fault;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A starting service waiting for something it needs (its status database, Temporal) to answer, the
 * way a running worker waits for its database: a {@code health:} line at once and every {@link
 * #REPEAT_LOG}, tries with backoff from 1 s doubling to {@link #MAX_BACKOFF}, a line when it
 * answers; gives up only when the process is asked to stop.
 */
public final class StartupWait {
  private static final Logger log = LoggerFactory.getLogger(StartupWait.class);
  public static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  public static final Duration REPEAT_LOG = Duration.ofSeconds(30);

  private final String who;
  private final String what;
  private final BooleanSupplier stopped;
  private Instant since;
  private Instant lastLog = Instant.EPOCH;
  private Duration backoff = Duration.ofSeconds(1);

  /**
   * @param who the service ({@code Worker w1})
   * @param what what it waits for ({@code status database jdbc:…}, {@code Temporal at host:7233})
   * @param stopped true once the process is asked to stop
   */
  public StartupWait(String who, String what, BooleanSupplier stopped) {
    this.who = who;
    this.what = what;
    this.stopped = stopped;
  }

  /** Says that a try found nothing answering, then waits before the next. */
  public void unreachable(String reason) {
    Instant now = Instant.now();
    if (since == null) {
      since = now;
      lastLog = now;
      log.warn(
          "{} health: {} unreachable ({}); waiting for it before taking work", who, what, reason);
    } else if (Duration.between(lastLog, now).compareTo(REPEAT_LOG) >= 0) {
      lastLog = now;
      log.warn(
          "{} health: {} still unreachable after {} s ({}); waiting",
          who,
          what,
          Duration.between(since, now).toSeconds(),
          reason);
    }
    if (!pause(backoff, stopped))
      throw new IllegalStateException("stopped while waiting for " + what + " to answer");
    backoff =
        backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
  }

  /** Says so when it answers after a wait. */
  public void answered() {
    if (since != null) {
      log.info(
          "{} health: {} answers after {} s; starting",
          who,
          what,
          Duration.between(since, Instant.now()).toSeconds());
    }
  }

  /** Sleeps in short steps; false when stopped meanwhile. */
  public static boolean pause(Duration duration, BooleanSupplier stopped) {
    long end = System.nanoTime() + duration.toNanos();
    try {
      while (System.nanoTime() < end) {
        if (stopped.getAsBoolean()) return false;
        Thread.sleep(Math.min(200, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return !stopped.getAsBoolean();
  }
}
