package io.ocrbatch.activities.statusdb;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The status reads of the views, timed on a database {@code bench/status-at-scale.sh} filled: the
 * store calls behind {@code GET /api/jobs/{key}} and {@code job status --json} (the job, its
 * counts, its recent errors, its upload), {@code GET /api/jobs?limit=20} (that, for the 20 newest
 * jobs) and {@code /api/queue/stats}. Not a test: run by the script, with the URL, the job key and
 * the number of repetitions as arguments. Uses only store calls the base commit has too, so the
 * same file measures before and after.
 */
public final class StatusReadBench {
  private StatusReadBench() {}

  public static void main(String[] args) {
    String url = args[0];
    String jobKey = args[1];
    int runs = Integer.parseInt(args[2]);
    boolean migrateOnly = args.length > 3 && args[3].equals("--migrate-only");
    long started = System.nanoTime();
    try (Database db = Database.connect(url, "postgres", null, 4)) {
      if (migrateOnly) {
        System.out.printf("migrated in %.1f s%n", (System.nanoTime() - started) / 1e9);
        return;
      }
      StatusStore store = StatusStore.over(db.jdbc());
      time(
          "job status / GET /api/jobs/{key}",
          runs,
          () -> report(store, store.jobs().byKey(jobKey).orElseThrow()));
      time(
          "GET /api/jobs?limit=20",
          runs,
          () -> {
            store.jobs().list(List.of(), List.of(), 20, 0).forEach(j -> report(store, j));
            return null;
          });
      time("GET /api/queue/stats", runs, () -> store.queue().stats());
      JobRecord job = store.jobs().byKey(jobKey).orElseThrow();
      System.out.println("  job " + jobKey + ": " + store.progress().counts(job.id()));
      System.out.println("  queue: " + store.queue().stats());
    }
  }

  /** What JobService.report reads for one job. */
  private static Object report(StatusStore store, JobRecord job) {
    return List.of(
        store.progress().counts(job.id()),
        store.tasks().recentErrors(job.id(), 5),
        store.uploads().byJobKey(job.jobKey()));
  }

  private static void time(String what, int runs, Supplier<Object> read) {
    int warmUp = Integer.parseInt(System.getenv().getOrDefault("WARMUP", "3"));
    for (int i = 0; i < warmUp; i++) read.get();
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      read.get();
      ms.add((System.nanoTime() - t) / 1e6);
    }
    double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf(
        "%-36s p50 %8.1f ms   p95 %8.1f ms   (%d runs)%n",
        what, pct(sorted, 50), pct(sorted, 95), runs);
  }

  private static double pct(double[] sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
