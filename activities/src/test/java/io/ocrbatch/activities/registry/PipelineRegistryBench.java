package io.ocrbatch.activities.registry;

import io.ocrbatch.activities.StatusActivitiesImpl;
import io.ocrbatch.activities.statusdb.Database;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.storage.Storage;
import io.ocrbatch.activities.storage.StorageSettings;
import io.ocrbatch.workflows.JobStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The registry at BDRC scale (run by bench/pipeline-registry.sh): JOBS OCR jobs of VOLUMES volumes
 * each, loaded with generate_series; prints the time of the ocr step's recording at start and end
 * (coverage from the tasks, the document with its volume lists, the files), of {@code pipeline find
 * VOLUME}, of the document, and of {@code --source-job auto}.
 */
public final class PipelineRegistryBench {
  public static void main(String[] args) throws Exception {
    String url = args[0];
    int volumes = Integer.parseInt(args[1]);
    int jobs = Integer.parseInt(args[2]);
    int runs = Integer.parseInt(args[3]);
    Path out = Files.createTempDirectory("registry-bench");
    try (Database db = Database.connect(url, null, null, 4);
        Storage storage = new Storage(StorageSettings.fromEnvironment())) {
      StatusStore store = StatusStore.over(db.jdbc());
      PipelineRegistry registry = new PipelineRegistry(db.jdbc(), storage);
      var activities = new StatusActivitiesImpl(store, new OcrStepRecorder(store, storage));
      // loaded as a bulk load would be: the counter triggers (V6) off, as bench/status-at-scale.sh
      db.jdbc().update("ALTER TABLE tasks DISABLE TRIGGER USER");
      long t0 = System.nanoTime();
      db.jdbc()
          .update(
              "INSERT INTO volumes (source_uri, volume_name) SELECT 'file:///bench/v' || v,"
                  + " 'W' || v || '-I' || v FROM generate_series(1, ?) v",
              volumes);
      System.out.printf("loaded %d volumes in %.1f s%n", volumes, seconds(t0));
      for (int j = 1; j <= jobs; j++) {
        long jobId =
            db.jdbc()
                .queryLong(
                    "INSERT INTO jobs (job_key, type_id, output_root) VALUES (?, 1, ?) RETURNING id",
                    "BENCH-" + j,
                    out.toString());
        db.jdbc()
            .update(
                "INSERT INTO tasks (job_id, volume_id, status) SELECT ?, id,"
                    + " CASE WHEN id % 100 = 0 THEN 'terminal_failed' ELSE 'pending' END"
                    + " FROM volumes",
                jobId);
        long start = System.nanoTime();
        activities.jobStarted(jobId);
        double started = seconds(start);
        db.jdbc()
            .update(
                "UPDATE tasks SET status = 'done' WHERE job_id = ? AND status = 'pending'", jobId);
        start = System.nanoTime();
        activities.jobFinished(jobId, JobStatus.COMPLETED);
        System.out.printf(
            "job BENCH-%d (%d volumes): ocr step recorded at start %.2f s, at end %.2f s%n",
            j, volumes, started, seconds(start));
      }
      long size = Files.size(out.resolve("job_registry/BENCH-1.json"));
      System.out.printf("job_registry/BENCH-1.json: %.1f MB%n", size / 1e6);
      report("pipeline find VOLUME", runs, () -> registry.queries().findVolume("W777-I777"));
      report("pipeline find VOLUME (absent)", runs, () -> registry.queries().findVolume("W0-I0"));
      report("document of one job", Math.min(runs, 10), () -> registry.document("BENCH-1"));
      report("pipeline list", runs, () -> registry.queries().list(null, 50));
      registry.record(
          StepInput.parse(
              "BENCH-SOURCE",
              "source",
              "{\"status\":\"completed\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
              "bench"),
          null);
      db.jdbc()
          .update(
              "INSERT INTO pipeline_coverage (job_id, step, volume, status)"
                  + " SELECT 'BENCH-SOURCE', 'source', volume_name, 'completed' FROM volumes");
      report(
          "--source-job auto",
          Math.min(runs, 10),
          () -> registry.queries().sourceCovering("BENCH-1").orElseThrow());
    }
  }

  private static void report(String what, int runs, Callable<?> read) throws Exception {
    read.call(); // warm-up
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      read.call();
      ms.add((System.nanoTime() - start) / 1e6);
    }
    Collections.sort(ms);
    System.out.printf(
        "%-32s p50 %8.2f ms  p95 %8.2f ms  (%d runs)%n",
        what, ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.95) - 1), runs);
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
