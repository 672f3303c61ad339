package io.ocrbatch.worker;

import io.ocrbatch.activities.OcrActivitiesImpl;
import io.ocrbatch.activities.StatusActivitiesImpl;
import io.ocrbatch.activities.VolumeActivitiesImpl;
import io.ocrbatch.activities.dropfolder.WatchActivitiesImpl;
import io.ocrbatch.activities.engines.EngineRegistry;
import io.ocrbatch.activities.engines.OcrEngines;
import io.ocrbatch.activities.image.ImageDecoder;
import io.ocrbatch.activities.metrics.OcrMetrics;
import io.ocrbatch.activities.ocr.neural.NeuralModels;
import io.ocrbatch.activities.registry.OcrStepRecorder;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.storage.Storage;
import io.ocrbatch.activities.visibility.SearchAttributeSetup;
import io.ocrbatch.workflows.BatchJobWorkflowImpl;
import io.ocrbatch.workflows.JobTypeSpec;
import io.ocrbatch.workflows.RetrySettings;
import io.ocrbatch.workflows.TaskQueues;
import io.ocrbatch.workflows.VolumeWorkflowImpl;
import io.ocrbatch.workflows.watch.WatchWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Temporal worker: polls {@code io} (workflows, status and listing activities), {@code ocr-cpu}
 * (Tesseract pages) and {@code ocr-gpu} (neural models, on its GPUs or its CPU). Shutdown lets
 * activities in flight finish their page.
 */
public final class OcrWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OcrWorker.class);

  private final WorkerFactory factory;
  private final WorkerSettings settings;
  private final OcrEngines engines;
  private final Storage storage;
  private final DatabaseWatch watch;

  public OcrWorker(WorkflowClient client, StatusStore store, WorkerSettings settings) {
    this(client, store, settings, OcrMetrics.none());
  }

  /**
   * @param meters where pages and volumes are counted (Temporal's own metrics go where the client's
   *     service stubs report)
   */
  public OcrWorker(
      WorkflowClient client, StatusStore store, WorkerSettings settings, OcrMetrics meters) {
    this.settings = settings;
    this.factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setMaxWorkflowThreadCount(1200)
                .setWorkerInterceptors(new DatabaseGuard(store.health(), settings.name()))
                .build());
    this.engines =
        new OcrEngines(
            settings.tessdata(), settings.modelDir()); // a malformed model directory stops us here
    this.storage = new Storage(settings.storage());
    this.watch =
        new DatabaseWatch(
            store.health(),
            new DatabaseWatch.Polling() {
              @Override
              public void suspend() {
                factory.suspendPolling();
              }

              @Override
              public void resume() {
                factory.resumePolling();
              }
            },
            settings.name());
    reportModels(store);

    boolean sticky = StickyWorkflows.safe(client, settings);
    Worker io = factory.newWorker(TaskQueues.IO, options(settings.ioSlots(), sticky));
    io.registerWorkflowImplementationTypes(
        BatchJobWorkflowImpl.class, VolumeWorkflowImpl.class, WatchWorkflowImpl.class);
    io.registerActivitiesImplementations(
        new StatusActivitiesImpl(store, meters, new OcrStepRecorder(store, storage)),
        new VolumeActivitiesImpl(storage, store, meters, settings.name()),
        new WatchActivitiesImpl(store, storage, RetrySettings.defaults()));

    ImageDecoder decoder = new ImageDecoder(settings.maxImagePixels());
    Worker cpu = factory.newWorker(TaskQueues.OCR_CPU, options(settings.cpuSlots(), sticky));
    cpu.registerActivitiesImplementations(
        new OcrActivitiesImpl(engines, decoder, storage, store, settings.name(), meters));
    if (settings.gpuSlots() > 0) {
      Worker gpu = factory.newWorker(TaskQueues.OCR_GPU, options(settings.gpuSlots(), sticky));
      gpu.registerActivitiesImplementations(
          new OcrActivitiesImpl(engines, decoder, storage, store, settings.name(), meters));
    }
  }

  /** Says which models this worker has, and which job types name models it lacks. */
  private void reportModels(StatusStore store) {
    EngineRegistry.all().forEach(provider -> provider.reportModels(engines, log));
    for (JobTypeSpec type : store.jobTypes().list()) {
      EngineRegistry.find(type.engine()).ifPresent(provider -> provider.report(type, engines, log));
    }
  }

  /** Whether this worker takes work: false while its status database is unreachable. */
  public boolean polling() {
    return watch.polling();
  }

  /** The worker's engines (e.g. to check that a job type loads before submitting to it). */
  public OcrEngines engines() {
    return engines;
  }

  /**
   * The most time between the heartbeats Temporal hears from a running activity (the SDK's default
   * is 80 % of the heartbeat timeout): OCR chunks heartbeat every second (see ChunkHeartbeats), so
   * Temporal hears them this often and a heartbeat timeout of seconds holds with a wide margin.
   */
  static final Duration HEARTBEAT_THROTTLE = Duration.ofSeconds(2);

  /**
   * Two activity pollers: plenty for activities that take seconds, and at most two tasks taken by
   * polls already waiting when the worker suspends polling (its database went away), fewer than an
   * activity's attempts.
   *
   * <p>Without sticky execution (see {@link StickyWorkflows}) workflow tasks go to the shared
   * queue, and each replays its run's history.
   */
  private static WorkerOptions options(int activitySlots, boolean sticky) {
    WorkerOptions.Builder options =
        WorkerOptions.newBuilder()
            .setMaxConcurrentActivityExecutionSize(activitySlots)
            .setMaxConcurrentActivityTaskPollers(2)
            .setMaxConcurrentWorkflowTaskExecutionSize(Math.max(2, activitySlots))
            .setMaxHeartbeatThrottleInterval(HEARTBEAT_THROTTLE);
    if (!sticky) options.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
    return options.build();
  }

  public OcrWorker start() {
    int stale = io.ocrbatch.activities.storage.S3Objects.sweepStaleDownloads();
    if (stale > 0) log.info("Removed {} page download(s) left behind by a stopped worker", stale);
    new SearchAttributeSetup(factory.getWorkflowClient()).registered(); // logs when refused
    factory.start();
    watch.start();
    log.info(
        "Worker {} polling {}, {} ({} slots){}",
        settings.name(),
        TaskQueues.IO,
        TaskQueues.OCR_CPU,
        settings.cpuSlots(),
        settings.gpuSlots() > 0
            ? String.format(
                " and %s (%d slot(s) on %s)",
                TaskQueues.OCR_GPU,
                settings.gpuSlots(),
                NeuralModels.gpuCount() > 0 ? "GPU" : "CPU")
            : "");
    return this;
  }

  /** Stops polling, waits for activities in flight (each finishes its current page). */
  @Override
  public void close() {
    watch.close();
    if (!factory
        .isStarted()) { // e.g. the job type's engine failed its check: nothing runs, nothing to
      // wait for
      factory.shutdownNow();
      engines.close();
      storage.close();
      return;
    }
    factory.shutdown();
    factory.awaitTermination(30, TimeUnit.SECONDS);
    if (!factory.isTerminated()) {
      log.warn("Worker {} still busy after 30 s; stopping it", settings.name());
      factory.shutdownNow();
      factory.awaitTermination(10, TimeUnit.SECONDS);
    }
    if (factory.isTerminated()) {
      engines.close(); // no activity thread uses them any more
      storage.close();
    }
  }
}
