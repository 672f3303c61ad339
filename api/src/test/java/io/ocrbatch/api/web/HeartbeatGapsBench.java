package io.ocrbatch.api.web;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.ocrbatch.activities.samples.SamplePdf;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.storage.Storage;
import io.ocrbatch.activities.storage.StorageSettings;
import io.ocrbatch.activities.testing.TestDatabases;
import io.ocrbatch.api.JobRequest;
import io.ocrbatch.api.JobService;
import io.ocrbatch.api.VolumeResolver;
import io.ocrbatch.worker.OcrWorker;
import io.ocrbatch.worker.WorkerSettings;
import io.ocrbatch.workflows.RetrySettings;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueResponse;
import io.temporal.api.workflowservice.v1.RecordActivityTaskHeartbeatRequest;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCompletedRequest;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * How far apart Temporal hears an OCR chunk's heartbeats: a real worker (Tesseract, every CPU slot
 * busy) OCRs a job, and a gRPC interceptor on its connection notes, per chunk, when Temporal handed
 * it out, each heartbeat it received, and its completion; the gaps between them are what the
 * heartbeat timeout must exceed. Prints their distribution and the pages' durations (the gaps when
 * heartbeats came only after each page). Not a test: {@code bench/heartbeat-gaps.sh} runs it.
 * Settings (system properties): {@code volumes} (4), {@code pages} per volume (12), {@code slots}
 * (the machine's cores), {@code dpi} (300).
 */
class HeartbeatGapsBench {

  /** Per chunk (task token): the times, in ms, Temporal saw it start, heartbeat and end. */
  private final Map<ByteString, List<Long>> seen = new ConcurrentHashMap<>();

  @Test
  void printHeartbeatGaps() throws Exception {
    int volumes = Integer.getInteger("volumes", 4);
    int pages = Integer.getInteger("pages", 12);
    int slots = Integer.getInteger("slots", Runtime.getRuntime().availableProcessors());
    int dpi = Integer.getInteger("dpi", 300);
    Path scans = Files.createTempDirectory("heartbeat-gaps");
    for (int v = 1; v <= volumes; v++)
      SamplePdf.writeEnglish(scans.resolve("hb-" + v).resolve("book.pdf"), pages);
    try (TestDatabases.Fresh db = TestDatabases.fresh();
        TestWorkflowEnvironment temporal =
            TestWorkflowEnvironment.newInstance(
                TestEnvironmentOptions.newBuilder()
                    .setUseTimeskipping(false)
                    .setWorkflowServiceStubsOptions(
                        WorkflowServiceStubsOptions.newBuilder()
                            .addGrpcClientInterceptor(new Recorder())
                            .build())
                    .build())) {
      StatusStore store = StatusStore.over(db.database().jdbc());
      try (OcrWorker worker =
          new OcrWorker(
                  temporal.getWorkflowClient(),
                  store,
                  WorkerSettings.defaults("bench").withCpuSlots(slots))
              .start()) {
        JobService jobs =
            new JobService(
                temporal.getWorkflowClient(),
                store,
                RetrySettings.defaults(),
                Clock.systemUTC(),
                new VolumeResolver(new Storage(StorageSettings.from(Map.of()))));
        long started = System.nanoTime();
        var job =
            jobs.submit(
                    new JobRequest(
                        "tesseract-eng",
                        VolumeResolver.fromFolder(scans),
                        "heartbeat-gaps",
                        scans.resolve("out").toString(),
                        volumes,
                        dpi))
                .job();
        jobs.awaitEnd(job);
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Long> gaps = new ArrayList<>();
        for (List<Long> times : seen.values()) {
          if (times.size() < 2) continue; // a chunk seen starting but not ending: none here
          for (int i = 1; i < times.size(); i++) gaps.add(times.get(i) - times.get(i - 1));
        }
        List<Long> pageMillis =
            db.database()
                .jdbc()
                .query(
                    "SELECT duration_ms FROM page_metrics WHERE status = 'ok'",
                    rs -> rs.getLong(1));
        System.out.printf(
            "%d volumes x %d pages at %d dpi, %d OCR slots on %d cores: %.1f s, %s%n",
            volumes,
            pages,
            dpi,
            slots,
            Runtime.getRuntime().availableProcessors(),
            seconds,
            jobs.report(jobs.find(job.id(), null)).job().status().dbName());
        System.out.println(
            "heartbeat gaps (ms) as Temporal heard them, chunk start to heartbeats to end: "
                + distribution(gaps));
        System.out.println("page OCR durations (ms): " + distribution(pageMillis));
      }
    }
  }

  private static String distribution(List<Long> values) {
    if (values.isEmpty()) return "none";
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return String.format(
        "n=%d min=%d p50=%d p90=%d p99=%d max=%d",
        sorted.size(),
        sorted.get(0),
        at(sorted, 0.50),
        at(sorted, 0.90),
        at(sorted, 0.99),
        sorted.get(sorted.size() - 1));
  }

  private static long at(List<Long> sorted, double quantile) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(quantile * sorted.size())));
  }

  private void note(ByteString token) {
    seen.computeIfAbsent(token, t -> Collections.synchronizedList(new ArrayList<>()))
        .add(System.currentTimeMillis());
  }

  /** Notes OCR chunks handed out, their heartbeats and their completions. */
  private final class Recorder implements ClientInterceptor {
    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
        MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
      return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
        @Override
        public void start(Listener<R> listener, Metadata headers) {
          super.start(
              new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                @Override
                public void onMessage(R message) {
                  if (message instanceof PollActivityTaskQueueResponse poll
                      && "OcrChunk".equals(poll.getActivityType().getName()))
                    note(poll.getTaskToken());
                  super.onMessage(message);
                }
              },
              headers);
        }

        @Override
        public void sendMessage(Q message) {
          if (message instanceof RecordActivityTaskHeartbeatRequest beat
              && seen.containsKey(beat.getTaskToken())) note(beat.getTaskToken());
          if (message instanceof RespondActivityTaskCompletedRequest done
              && seen.containsKey(done.getTaskToken())) note(done.getTaskToken());
          super.sendMessage(message);
        }
      };
    }
  }
}
