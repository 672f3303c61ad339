package io.ocrbatch.api.web;

import com.launchdarkly.eventsource.ConnectStrategy;
import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.eventsource.MessageEvent;
import com.launchdarkly.eventsource.StreamEvent;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Server-Sent Events stream with a real SSE client until {@code lastEvent} (or the end).
 */
final class SseRecorder {
  record Event(String name, String data, long millisAfterOpen) {}

  /** An event as the server wrote it, with its {@code retry:} (null when it had none). */
  record RawEvent(String name, String data, Long retryMillis) {}

  private SseRecorder() {}

  /** The events of a whole {@code text/event-stream} body (comments and blank events skipped). */
  static List<RawEvent> parse(String body) {
    List<RawEvent> events = new ArrayList<>();
    for (String block : body.replace("\r\n", "\n").split("\n\n")) {
      String name = "message";
      StringBuilder data = null;
      Long retry = null;
      for (String line : block.split("\n")) {
        int colon = line.indexOf(':');
        if (colon == 0 || line.isEmpty()) continue;
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
        switch (field) {
          case "event" -> name = value;
          case "data" ->
              data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
          case "retry" -> retry = Long.parseLong(value);
          default -> {}
        }
      }
      if (data != null) events.add(new RawEvent(name, data.toString(), retry));
    }
    return events;
  }

  static List<Event> read(String url, String token, String lastEvent, Duration timeout)
      throws Exception {
    List<Event> events = new ArrayList<>();
    ConnectStrategy connect =
        ConnectStrategy.http(URI.create(url))
            .readTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    if (token != null)
      connect =
          ((com.launchdarkly.eventsource.HttpConnectStrategy) connect)
              .header("Authorization", "Bearer " + token);
    long start = System.nanoTime();
    long end = start + timeout.toNanos();
    try (EventSource source = new EventSource.Builder(connect).build()) {
      source.start();
      for (StreamEvent e : source.anyEvents()) {
        if (e instanceof MessageEvent m) {
          events.add(
              new Event(m.getEventName(), m.getData(), (System.nanoTime() - start) / 1_000_000));
          if (m.getEventName().equals(lastEvent)) break;
        } else if (e instanceof com.launchdarkly.eventsource.FaultEvent) {
          break; // the server closed the stream
        }
        if (System.nanoTime() > end)
          throw new AssertionError(
              "no '" + lastEvent + "' event within " + timeout + "; got " + events);
      }
    }
    return events;
  }
}
