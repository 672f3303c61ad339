package io.ocrbatch.cli;

import io.ocrbatch.activities.fault.ExitCode;
import io.ocrbatch.worker.OcrWorker;
import io.ocrbatch.worker.WorkerSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A worker process alone, serving a running Temporal and status database. */
@Command(
    name = "worker",
    description =
        "Run a worker that shares the load of the jobs on --temporal (default 127.0.0.1:7233).")
final class WorkerCommand implements Callable<Integer> {
  @Mixin EngineOptions engine;

  @Option(
      names = "--name",
      description = "Worker name recorded with each page (default: worker-PID).")
  String name;

  @Mixin StackOptions stack;

  @Override
  public Integer call() throws Exception {
    try (ShutdownSignal signal = new ShutdownSignal();
        Stack parts = new Stack(stack)) {
      WorkerSettings settings =
          engine.apply(
              WorkerSettings.defaults(
                  name != null ? name : "worker-" + ProcessHandle.current().pid()));
      try (OcrWorker worker = new OcrWorker(parts.client(), parts.store(), settings).start()) {
        System.err.printf(
            "Worker %s polling %s. Ctrl-C stops.%n", settings.name(), stack.temporalTarget());
        signal.await();
      }
    }
    return ExitCode.OK.code();
  }
}
