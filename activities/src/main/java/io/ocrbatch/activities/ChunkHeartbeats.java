package io.ocrbatch.activities;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An OCR chunk's heartbeats: the index of its last finished page, given to Temporal every {@link
 * #EVERY} from a worker-wide ticker as well as after each page, so that the heartbeat timeout
 * measures whether the worker lives, not how long a page, a slow download or an output hold takes;
 * a killed worker's chunk moves to another worker after a timeout of seconds. (The SDK sends at
 * most one heartbeat per throttle interval, the worker's {@code maxHeartbeatThrottleInterval}.) A
 * heartbeat Temporal refuses (the attempt timed out and runs elsewhere) stops the chunk at its next
 * page.
 */
final class ChunkHeartbeats implements AutoCloseable {
  static final Duration EVERY = Duration.ofSeconds(1);

  private static final ScheduledExecutorService TICKER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "chunk-heartbeats");
            thread.setDaemon(true);
            return thread;
          });

  private final ActivityExecutionContext context;
  private final ScheduledFuture<?> ticks;
  private volatile int lastFinished;
  private volatile ActivityCompletionException refused;

  /**
   * @param lastFinished the index of the last page an earlier attempt finished, or -1
   */
  ChunkHeartbeats(ActivityExecutionContext context, int lastFinished) {
    this.context = context;
    this.lastFinished = lastFinished;
    this.ticks =
        TICKER.scheduleAtFixedRate(
            this::tick, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tick() {
    if (refused != null) return;
    try {
      context.heartbeat(lastFinished);
    } catch (ActivityCompletionException e) {
      refused = e;
    } catch (RuntimeException e) {
      // a heartbeat that could not be sent is tried again at the next tick
    }
  }

  /** Page {@code index} is finished: said at once (a retry resumes after it). */
  void finished(int index) {
    lastFinished = index;
    check();
    context.heartbeat(index);
  }

  /** Throws what Temporal answered a heartbeat with, if it refused one. */
  void check() {
    ActivityCompletionException e = refused;
    if (e != null) throw e;
  }

  @Override
  public void close() {
    ticks.cancel(false);
  }
}
