package io.ocrbatch.cli;

import io.ocrbatch.activities.dropfolder.WatchConfig;
import io.ocrbatch.activities.dropfolder.WatchControl;
import io.ocrbatch.activities.fault.ExitCode;
import io.ocrbatch.activities.intake.JobInputs;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.worker.OcrWorker;
import io.ocrbatch.worker.WorkerSettings;
import io.ocrbatch.workflows.watch.WatchRunReport;
import io.ocrbatch.workflows.watch.WatchSpec;
import io.ocrbatch.workflows.watch.WatchStatus;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A drop folder watched by the watch workflow, on the embedded stack in this process. */
@Command(
    name = "watch",
    description = {
      "Watch a drop folder (s3://bucket/prefix or a local folder; one folder per publisher):",
      "new and changed files are registered, OCRed once, and their results placed in",
      "<publisher>/<output-folder>/<name>/ with <name>.zip. See the README for the config keys.",
      "Exit codes (--run-once): 0 every file processed completed, 3 some failed, 1 could not run."
    })
final class WatchCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "The watch config (YAML).")
  Path config;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Mode mode;

  static final class Mode {
    @Option(names = "--run-once", description = "One run (discover, process, report), then exit.")
    boolean runOnce;

    @Option(
        names = "--schedule",
        description = "Run every interval (and at start when run-on-startup) until Ctrl-C.")
    boolean schedule;
  }

  @Mixin EngineOptions engine;

  @Mixin StackOptions stack;

  @Override
  public Integer call() throws Exception {
    WatchConfig watch = WatchConfig.load(config); // a config error stops here, naming the key
    WatchSpec spec = watch.spec();
    try (ShutdownSignal signal = new ShutdownSignal();
        Stack parts = new Stack(stack);
        EmbeddedTemporal temporal = EmbeddedTemporal.start(0)) {
      StatusStore store = parts.store();
      JobInputs.jobType(store, spec.jobType()); // an unknown job type stops here, listing them
      parts.useTemporal(temporal.stubs());
      WorkerSettings base =
          engine.apply(
              WorkerSettings.defaults("watch-" + ProcessHandle.current().pid())
                  .withEmbeddedService());
      WorkerSettings settings = base.withStorage(watch.storage(base.storage()));
      try (OcrWorker worker = new OcrWorker(parts.client(), store, settings).start()) {
        WatchControl control = new WatchControl(parts.client());
        if (mode.runOnce) {
          WatchRunReport report = control.runOnce(spec);
          System.out.println("Watch " + spec.name() + " " + report.summary());
          return report.failed() == 0 ? ExitCode.OK.code() : ExitCode.PAGES_FAILED.code();
        }
        control.schedule(spec);
        System.err.printf(
            "Watching %s as workflow %s every %d min%s. Ctrl-C stops.%n",
            spec.root(),
            spec.workflowId(),
            spec.intervalSeconds() / 60,
            spec.runOnStartup() ? " (first run now)" : "");
        int reported = 0;
        while (!signal.signalled()) {
          WatchStatus status = control.status(spec.name());
          if (status.lastRun() != null && status.runs() > reported) {
            reported = status.runs();
            System.out.println("Watch " + spec.name() + " " + status.lastRun().summary());
          }
          Thread.sleep(1000);
        }
        control.stop(spec.name());
        return ExitCode.INTERRUPTED.code();
      }
    }
  }
}
