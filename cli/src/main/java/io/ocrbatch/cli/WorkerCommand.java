package io.ocrbatch.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ocrbatch.activities.fault.ExitCode;
import io.ocrbatch.activities.metrics.OcrMetrics;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.worker.OcrWorker;
import io.ocrbatch.worker.WorkerSettings;
import io.ocrbatch.worker.metrics.MetricsServer;
import io.ocrbatch.worker.metrics.ProcessMetrics;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A worker process alone, serving a running Temporal and status database; started while either does
 * not answer, it waits for them (see {@link Stack#forWorker}).
 */
@Command(
    name = "worker",
    description = {
      "Run a worker that shares the load of the jobs on --temporal (default 127.0.0.1:7233).",
      "Started while its status database or Temporal does not answer, it waits for them (a health: line",
      "every 30 s); a malformed URL or a refused login fails at once."
    })
final class WorkerCommand implements Callable<Integer> {
  @Mixin EngineOptions engine;

  @Option(
      names = "--name",
      description = "Worker name recorded with each page (default: worker-PID).")
  String name;

  @Option(
      names = "--metrics-port",
      description =
          "Serve Prometheus metrics on this port at /metrics (and /actuator/prometheus); 0 = any free port (default: none).")
  Integer metricsPort;

  @Option(
      names = "--metrics-bind",
      description = "Address the metrics port listens on (default: ${DEFAULT-VALUE}).",
      defaultValue = "0.0.0.0")
  String metricsBind;

  @Mixin StackOptions stack;

  @Override
  public Integer call() throws Exception {
    PrometheusMeterRegistry metrics = ProcessMetrics.prometheus();
    WorkerSettings settings =
        engine.apply(
            WorkerSettings.defaults(
                name != null ? name : "worker-" + ProcessHandle.current().pid()));
    try (ShutdownSignal signal = new ShutdownSignal();
        Stack parts =
            Stack.forWorker(stack, "Worker " + settings.name(), signal::signalled)
                .withMetrics(metrics)) {
      if (metricsPort != null) {
        MetricsServer server = parts.own(MetricsServer.start(metricsBind, metricsPort, metrics));
        System.err.printf("Metrics on http://%s:%d/metrics%n", metricsBind, server.port());
      }
      StatusStore store = parts.store(); // the database first, then Temporal
      try (OcrWorker worker =
          new OcrWorker(parts.client(), store, settings, new OcrMetrics(metrics)).start()) {
        System.err.printf(
            "Worker %s polling %s. Ctrl-C stops.%n", settings.name(), stack.temporalTarget());
        signal.await();
      }
    }
    return ExitCode.OK.code();
  }
}
