package io.ocrbatch.api.web;

import io.ocrbatch.api.JobService;
import io.ocrbatch.api.JobView;
import io.ocrbatch.api.web.OcrBodies.OcrCloseEvent;
import io.ocrbatch.api.web.OcrBodies.OcrErrorEvent;
import io.ocrbatch.api.web.OcrBodies.OcrStatusEvent;
import io.ocrbatch.api.web.OcrBodies.OcrTimeoutEvent;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Event streams that follow a job in the database: the streams of one job share one
 * poll of the store per interval ({@link SharedPolls}), each sending an event when something
 * changed for it and ending itself.
 */
@Component
class ProgressStreams {
  private static final Logger log = LoggerFactory.getLogger(ProgressStreams.class);
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
  private static final Duration RECONNECT_AFTER_CLOSE = Duration.ofHours(24);

  private final JobService jobs;
  private final UploadResults uploads;
  private final ApiSettings settings;
  private final ScheduledExecutorService scheduler =
      Executors.newScheduledThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "sse-poller");
            t.setDaemon(true);
            return t;
          });

  private final SharedPolls polls;

  ProgressStreams(JobService jobs, UploadResults uploads, ApiSettings settings) {
    this.jobs = jobs;
    this.uploads = uploads;
    this.settings = settings;
    this.polls = new SharedPolls(scheduler, settings.pollInterval());
  }

  @PreDestroy
  void stop() {
    scheduler.shutdownNow();
  }

  /**
   * One step of a stream: given what the shared poll read, maybe send events; true when the stream
   * is over.
   */
  private interface Step<S> {
    boolean run(SseEmitter emitter, S snapshot) throws IOException;
  }

  /**
   * A stream over the key's shared poll: the store is read once per key and interval whatever the
   * number of streams, and each stream sends only what changed for it.
   */
  private <S> SseEmitter follow(String key, java.util.function.Supplier<S> read, Step<S> step) {
    return follow(key, read, step, null);
  }

  /** {@link #follow}, ending the response at {@code holdOpenUntil} (null: at once) once over. */
  private <S> SseEmitter follow(
      String key, java.util.function.Supplier<S> read, Step<S> step, Instant holdOpenUntil) {
    SseEmitter emitter = new SseEmitter(0L); // no container timeout: the steps end the stream
    Runnable unsubscribe =
        polls.subscribe(
            key,
            read,
            (snapshot, failure) -> {
              try {
                if (failure != null) throw failure;
                if (step.run(emitter, snapshot)) {
                  end(emitter, holdOpenUntil);
                  return true;
                }
                return false;
              } catch (IOException | IllegalStateException e) { // the client went away
                return true;
              } catch (RuntimeException e) {
                log.warn("Event stream failed: {}", e.toString());
                emitter.completeWithError(e);
                return true;
              }
            });
    emitter.onCompletion(unsubscribe);
    emitter.onError(e -> unsubscribe.run());
    return emitter;
  }

  /**
   * {@code /api/jobs/{key}/events}: {@code progress} (the job) whenever a page finishes or the
   * status changes, {@code end} (the job) once it has ended, then the stream closes.
   */
  SseEmitter jobEvents(String jobKey) {
    AtomicReference<String> last = new AtomicReference<>("");
    AtomicReference<Instant> lastSent = new AtomicReference<>(Instant.now());
    return follow(
        "job:" + jobKey,
        () -> JobView.of(jobs.report(jobs.find(null, jobKey))),
        (emitter, view) -> {
          String fingerprint =
              view.status()
                  + "/"
                  + view.pages().ok()
                  + "/"
                  + view.pages().failed()
                  + "/"
                  + view.pages().skipped()
                  + "/"
                  + view.tasks().done()
                  + "/"
                  + view.pages().total();
          if (view.finished()) {
            emitter.send(SseEmitter.event().name("end").data(view));
            return true;
          }
          if (!fingerprint.equals(last.getAndSet(fingerprint))) {
            emitter.send(SseEmitter.event().name("progress").data(view));
            lastSent.set(Instant.now());
          } else if (Duration.between(lastSent.get(), Instant.now()).compareTo(KEEP_ALIVE) > 0) {
            emitter.send(SseEmitter.event().comment("keep-alive"));
            lastSent.set(Instant.now());
          }
          return false;
        });
  }

  /**
   * {@code /ocr/stream/{id}}: {@code status} on every change, then {@code result}, or {@code
   * error}, or {@code timeout} after the configured bound (the job keeps running); always {@code
   * close} last. An unknown or mistyped id is a stream too (one {@code error}, then {@code close}),
   * so a browser {@code EventSource} gets data it can parse instead of a data-less connection
   * error.
   */
  SseEmitter ocrStream(String jobId, boolean eventSource) {
    Instant opened = Instant.now();
    // An EventSource whose response ends fires a data-less `error` and plans a reconnect: for one,
    // the response stays open after `close` until it goes away (at most the stream's bound).
    Instant holdOpenUntil = eventSource ? opened.plus(settings.streamTimeout()) : null;
    UploadSnapshot first;
    try {
      first = uploads.snapshot(jobId);
    } catch (NotFoundException e) {
      return unknownJob(jobId, e.getMessage(), holdOpenUntil);
    }
    AtomicReference<String> last = new AtomicReference<>("");
    return follow(
        "upload:" + jobId,
        () -> uploads.snapshot(jobId),
        (emitter, s) -> {
          String fingerprint = s.status() + "/" + s.progress() + "/" + s.failedPages();
          boolean running = !s.status().equals("failed") && !s.status().equals("expired");
          if (running && !fingerprint.equals(last.getAndSet(fingerprint))) {
            emitter.send(
                ocrEvent("status")
                    .data(
                        new OcrStatusEvent(
                            s.status(),
                            jobId,
                            s.progress(),
                            Duration.between(first.upload().submittedAt(), Instant.now())
                                .toSeconds(),
                            s.failedPages())));
          }
          if (s.status().equals("completed")) {
            emitter.send(ocrEvent("result").data(uploads.result(s, false)));
            return close(emitter);
          }
          if (s.status().equals("failed") || s.status().equals("expired")) {
            emitter.send(ocrEvent("error").data(new OcrErrorEvent(jobId, s.message())));
            return close(emitter);
          }
          if (Duration.between(opened, Instant.now()).compareTo(settings.streamTimeout()) >= 0) {
            emitter.send(
                ocrEvent("timeout")
                    .data(
                        new OcrTimeoutEvent(
                            s.status(),
                            jobId,
                            "Stream timed out after "
                                + settings.streamTimeout().toSeconds()
                                + " s; the job keeps running: poll /ocr/status/"
                                + jobId)));
            return close(emitter);
          }
          return false;
        },
        holdOpenUntil);
  }

  private SseEmitter unknownJob(String jobId, String error, Instant holdOpenUntil) {
    SseEmitter emitter = new SseEmitter(0L);
    try { // sent once the response starts; nothing to poll
      emitter.send(ocrEvent("error").data(new OcrErrorEvent(jobId, error)));
      close(emitter);
      end(emitter, holdOpenUntil);
    } catch (IOException e) {
      emitter.completeWithError(e);
    }
    return emitter;
  }

  /** Ends the response now, or at {@code holdOpenUntil} when that is given. */
  private void end(SseEmitter emitter, Instant holdOpenUntil) {
    if (holdOpenUntil == null || !Instant.now().isBefore(holdOpenUntil)) {
      emitter.complete();
      return;
    }
    // A comment now and then (no event for an EventSource) finds a client that has gone, so its
    // connection is let go then rather than at the bound.
    AtomicReference<ScheduledFuture<?>> holding = new AtomicReference<>();
    Runnable stop =
        () -> {
          ScheduledFuture<?> task = holding.get();
          if (task != null) task.cancel(false);
          emitter.complete();
        };
    holding.set(
        scheduler.scheduleAtFixedRate(
            () -> {
              if (!Instant.now().isBefore(holdOpenUntil)) {
                stop.run();
                return;
              }
              try {
                emitter.send(SseEmitter.event().comment("closed"));
              } catch (IOException | IllegalStateException gone) {
                stop.run();
              }
            },
            KEEP_ALIVE.toMillis(),
            KEEP_ALIVE.toMillis(),
            TimeUnit.MILLISECONDS));
  }

  /**
   * An {@code /ocr/stream} event. Each carries a long {@code retry:}: the stream ends after {@code
   * close}, and a client that does not close its {@code EventSource} then should not reconnect
   * every 3 s (the browsers' default) and receive the same events again.
   */
  private static SseEmitter.SseEventBuilder ocrEvent(String name) {
    return SseEmitter.event().name(name).reconnectTime(RECONNECT_AFTER_CLOSE.toMillis());
  }

  /**
   * The last event. Its id makes a client that reconnects anyway say so ({@code Last-Event-ID:
   * closed}), and it is answered 204, which stops an EventSource for good.
   */
  private static boolean close(SseEmitter emitter) throws IOException {
    emitter.send(ocrEvent("close").id(CLOSED_ID).data(new OcrCloseEvent("Stream complete")));
    return true;
  }

  static final String CLOSED_ID = "closed";
}
