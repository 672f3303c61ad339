package io.ocrbatch.api.web;

import com.launchdarkly.eventsource.ConnectStrategy;
import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.eventsource.MessageEvent;
import com.launchdarkly.eventsource.StreamEvent;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads a Server-Sent Events stream with a real SSE client until {@code lastEvent} (or the end). */
final class SseRecorder {
  record Event(String name, String data, long millisAfterOpen) {}

  private SseRecorder() {}

  static List<Event> read(String url, String token, String lastEvent, Duration timeout) throws Exception {
    List<Event> events = new ArrayList<>();
    ConnectStrategy connect = ConnectStrategy.http(URI.create(url)).readTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    if (token != null) connect = ((com.launchdarkly.eventsource.HttpConnectStrategy) connect).header("Authorization", "Bearer " + token);
    long start = System.nanoTime();
    long end = start + timeout.toNanos();
    try (EventSource source = new EventSource.Builder(connect).build()) {
      source.start();
      for (StreamEvent e : source.anyEvents()) {
        if (e instanceof MessageEvent m) {
          events.add(new Event(m.getEventName(), m.getData(), (System.nanoTime() - start) / 1_000_000));
          if (m.getEventName().equals(lastEvent)) break;
        } else if (e instanceof com.launchdarkly.eventsource.FaultEvent) {
          break; // the server closed the stream
        }
        if (System.nanoTime() > end) throw new AssertionError("no '" + lastEvent + "' event within " + timeout + "; got " + events);
      }
    }
    return events;
  }
}
