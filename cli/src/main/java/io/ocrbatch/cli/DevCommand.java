package io.ocrbatch.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ocrbatch.activities.fault.ExitCode;
import io.ocrbatch.activities.metrics.OcrMetrics;
import io.ocrbatch.api.web.ApiServer;
import io.ocrbatch.worker.OcrWorker;
import io.ocrbatch.worker.WorkerSettings;
import io.ocrbatch.worker.metrics.ProcessMetrics;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The embedded stack as a long-lived service, until SIGINT or SIGTERM. */
@Command(
    name = "dev",
    description = {
      "Run the embedded stack as a service: Temporal on 127.0.0.1:PORT, PostgreSQL under --data, a worker,",
      "and the HTTP API with the web page on --port (see `server` for its settings).",
      "Unfinished jobs in the database are restarted at start-up. Stop with Ctrl-C or SIGTERM (graceful)."
    })
final class DevCommand implements Callable<Integer> {
  @Option(
      names = "--temporal-port",
      description = "Port of the embedded Temporal (default: 7233).",
      defaultValue = "7233")
  int temporalPort;

  @Mixin EngineOptions engine;

  @Mixin ApiOptions api;

  @Mixin StackOptions stack;

  @Mixin WatchOptions watch;

  @Override
  public Integer call() throws Exception {
    try (ShutdownSignal signal = new ShutdownSignal()) {
      serveUntil(signal);
      System.err.println("ocrbatch dev stopped.");
    }
    return ExitCode.OK.code();
  }

  private void serveUntil(ShutdownSignal signal) throws InterruptedException {
    var watches = watch.load();
    PrometheusMeterRegistry metrics = ProcessMetrics.prometheus();
    try (Stack parts = new Stack(stack).withMetrics(metrics);
        EmbeddedTemporal temporal = EmbeddedTemporal.start(temporalPort)) {
      String db = parts.database().url();
      parts.useTemporal(temporal.stubs(parts.stubOptions()));
      WorkerSettings base =
          engine.apply(
              WorkerSettings.defaults("dev-" + ProcessHandle.current().pid())
                  .withEmbeddedService());
      WorkerSettings settings = base.withStorage(WatchOptions.storage(watches, base.storage()));
      try (OcrWorker worker =
              new OcrWorker(parts.client(), parts.store(), settings, new OcrMetrics(metrics))
                  .start();
          ApiServer server =
              ApiServer.start(
                  parts.jobs(),
                  api.settings(stack.dataDir()),
                  api.intakeOrNull(stack.dataDir()),
                  metrics,
                  parts.embedded().orElse(null))) {
        int restarted = parts.jobs().reconcile();
        WatchOptions.start(watches, parts.client(), parts.store());
        System.err.printf(
            "ocrbatch dev is up: web page and API %s, Temporal %s, database %s, %d unfinished job(s) restarted. Ctrl-C stops.%n",
            server.url(), temporal.target(), db, restarted);
        signal.await();
        System.err.println("Stopping: letting pages in flight finish…");
      }
    }
  }
}
