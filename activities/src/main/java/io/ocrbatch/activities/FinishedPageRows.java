package io.ocrbatch.activities;

import io.ocrbatch.activities.output.PageOutputs;
import io.ocrbatch.activities.statusdb.PageRowStore;
import io.ocrbatch.activities.statusdb.PageRowStore.PageMetric;
import io.ocrbatch.activities.storage.ResultFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Status rows for pages whose results exist. A page's result and its {@code page_metrics} row are
 * one unit: when the row could not be written (the database went away, the worker died between the
 * two), the attempt failed, and the retry finds the result and records it from its JSON instead of
 * OCRing the page again. One primary-key lookup per chunk; rows already there are kept. A result
 * that is there but unreadable (a store changed what was written) fails its page with a message
 * naming the file: retrying would read the same bytes again.
 */
final class FinishedPageRows {
  private FinishedPageRows() {}

  /** Returns the pages whose result could not be read (each recorded as failed). */
  static Set<String> recordMissing(
      PageRowStore metrics,
      long taskId,
      ResultFolder folder,
      List<String> finished,
      String worker) {
    if (finished.isEmpty()) return Set.of();
    Set<String> recorded = metrics.recorded(taskId, finished);
    Set<String> unreadable = new HashSet<>();
    for (String page : finished) {
      if (recorded.contains(page)) continue;
      PageOutputs outputs = new PageOutputs(folder, page);
      try {
        outputs
            .read()
            .ifPresent(
                written ->
                    metrics.recordPageIfAbsent(
                        taskId,
                        new PageMetric(
                            page,
                            true,
                            written.durationMs(),
                            written.lines(),
                            written.confidence(),
                            null,
                            written.imageEtag()),
                        worker));
      } catch (PageOutputs.UnreadableResultException e) {
        unreadable.add(page);
        metrics.recordPageIfAbsent(
            taskId, new PageMetric(page, false, 0, 0, null, e.getMessage(), null), worker);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read the result " + outputs.jsonName() + " of page " + page, e);
      }
    }
    return unreadable;
  }
}
