package io.ocrbatch.activities;

import io.ocrbatch.activities.statusdb.PageRowStore;
import io.ocrbatch.activities.statusdb.PageRowStore.PageMetric;
import java.util.ArrayList;
import java.util.List;

/**
 * A chunk's page rows, written in batches: every {@value #MAX_ROWS} pages or {@value #MAX_MILLIS}
 * ms, at once for a failed page, and when the chunk ends. A page OCRed but whose row was still
 * buffered when its worker died has its result, so the retry records its row from the result
 * ({@link FinishedPageRows}); a failed page has none, which is why its row is never held back past
 * the next heartbeat.
 */
final class PageRowBuffer {
  static final int MAX_ROWS = 50;
  static final long MAX_MILLIS = 1_000;

  private final PageRowStore store;
  private final long taskId;
  private final String worker;
  private final List<PageMetric> rows = new ArrayList<>();
  private long since = System.nanoTime();

  PageRowBuffer(PageRowStore store, long taskId, String worker) {
    this.store = store;
    this.taskId = taskId;
    this.worker = worker;
  }

  void add(PageMetric row) {
    rows.add(row);
    if (!row.ok()
        || rows.size() >= MAX_ROWS
        || System.nanoTime() - since >= MAX_MILLIS * 1_000_000) {
      flush();
    }
  }

  void flush() {
    if (!rows.isEmpty()) {
      store.recordPages(taskId, List.copyOf(rows), worker);
      rows.clear();
    }
    since = System.nanoTime();
  }
}
