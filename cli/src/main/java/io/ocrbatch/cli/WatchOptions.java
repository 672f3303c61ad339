package io.ocrbatch.cli;

import io.ocrbatch.activities.dropfolder.WatchConfig;
import io.ocrbatch.activities.dropfolder.WatchControl;
import io.ocrbatch.activities.intake.JobInputs;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.storage.StorageSettings;
import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Drop folders a server or dev watches ({@code --watch watch.yaml}, repeatable). */
public class WatchOptions {
  @Option(
      names = "--watch",
      paramLabel = "CONFIG",
      description =
          "A drop-folder watch config (YAML, see `watch --help`) to run as workflow watch-<name>; repeatable.")
  List<Path> configs = new ArrayList<>();

  /** The configs, checked now: a mistake stops the start, naming the file and the key. */
  List<WatchConfig> load() {
    return configs.stream().map(WatchConfig::load).toList();
  }

  /** The worker's storage on the S3 the watch configs name (the first that names one). */
  static StorageSettings storage(List<WatchConfig> watches, StorageSettings base) {
    for (WatchConfig w : watches) if (w.s3Endpoint() != null) return w.storage(base);
    return base;
  }

  /** Starts each watch's workflow unless it runs already. */
  static void start(List<WatchConfig> watches, WorkflowClient client, StatusStore store) {
    WatchControl control = new WatchControl(client);
    for (WatchConfig w : watches) {
      JobInputs.jobType(store, w.spec().jobType());
      boolean started = control.schedule(w.spec());
      System.err.printf(
          "Watch %s: %s (%s every %d min)%n",
          w.spec().workflowId(),
          started ? "started" : "running already",
          w.spec().root(),
          w.spec().intervalSeconds() / 60);
    }
  }
}
