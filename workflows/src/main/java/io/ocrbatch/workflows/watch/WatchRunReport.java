package io.ocrbatch.workflows.watch;

/**
 * What one run did: discovery (new, changed, skipped, unchanged files) and processing.
 *
 * @param run 1 for the workflow's first run, counting across continue-as-new
 */
public record WatchRunReport(
    int run,
    long startedAtMillis,
    long finishedAtMillis,
    int discoveredNew,
    int changed,
    int skipped,
    int unchanged,
    int processed,
    int completed,
    int failed) {

  public String summary() {
    return String.format(
        "run %d: discovered %d new, %d changed, %d skipped (%d unchanged); processed %d: %d"
            + " completed, %d failed",
        run, discoveredNew, changed, skipped, unchanged, processed, completed, failed);
  }
}
