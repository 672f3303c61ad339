package io.ocrbatch.api.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Polls shared by the watchers of one thing (a job, an upload): one read of the store per key and
 * interval, however many subscribers, each subscriber then deciding what to send from that one
 * snapshot. A new subscriber gets the latest snapshot at once (a feed's first read is immediate);
 * the poll stops when its last subscriber leaves.
 */
final class SharedPolls {
  /** A watcher: given each snapshot (or the read's failure), returns true once it is over. */
  interface Subscriber<S> {
    boolean deliver(S snapshot, RuntimeException failure);
  }

  private final ScheduledExecutorService scheduler;
  private final Duration interval;
  private final Map<String, Feed<?>> feeds = new ConcurrentHashMap<>();

  SharedPolls(ScheduledExecutorService scheduler, Duration interval) {
    this.scheduler = scheduler;
    this.interval = interval;
  }

  /**
   * Subscribes to the key's feed, starting it (reading with {@code read}) if none runs. Returns
   * what ends the subscription from outside (the client went away).
   */
  <S> Runnable subscribe(String key, Supplier<S> read, Subscriber<S> subscriber) {
    Slot<S> slot = new Slot<>(subscriber);
    @SuppressWarnings("unchecked")
    Feed<S> feed =
        (Feed<S>)
            feeds.compute(
                key,
                (k, existing) -> {
                  Feed<?> f = existing != null ? existing : new Feed<>(k, read);
                  ((Feed<S>) f).slots.add(slot);
                  if (existing == null)
                    f.task =
                        scheduler.scheduleWithFixedDelay(
                            f, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
                  return f;
                });
    Latest<S> latest = feed.latest;
    if (latest != null) scheduler.execute(() -> slot.deliver(latest)); // no wait for the next round
    return () -> slot.over = true;
  }

  /** Feeds running now (one per watched key). */
  int feeds() {
    return feeds.size();
  }

  private record Latest<S>(S snapshot, RuntimeException failure) {}

  private static final class Slot<S> {
    private final Subscriber<S> subscriber;
    private volatile boolean over;

    Slot(Subscriber<S> subscriber) {
      this.subscriber = subscriber;
    }

    synchronized void deliver(Latest<S> latest) {
      if (over) return;
      try {
        over = subscriber.deliver(latest.snapshot(), latest.failure());
      } catch (RuntimeException e) {
        over = true;
      }
    }
  }

  private final class Feed<S> implements Runnable {
    private final String key;
    private final Supplier<S> read;
    private final List<Slot<S>> slots = new CopyOnWriteArrayList<>();
    private volatile Latest<S> latest;
    private ScheduledFuture<?> task;

    Feed(String key, Supplier<S> read) {
      this.key = key;
      this.read = read;
    }

    @Override
    public void run() {
      Latest<S> now;
      try {
        now = new Latest<>(read.get(), null);
      } catch (RuntimeException e) {
        now = new Latest<>(null, e);
      }
      latest = now;
      for (Slot<S> slot : slots) slot.deliver(now);
      slots.removeIf(s -> s.over);
      feeds.computeIfPresent(
          key,
          (k, f) -> {
            if (f != this || !slots.isEmpty()) return f;
            task.cancel(false);
            return null;
          });
    }
  }
}
