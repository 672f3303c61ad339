package io.ocrbatch.activities.statusdb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Files by status, overall and per publisher. */
public record FileStats(Map<String, Long> total, List<Publisher> publishers) {
  public static final List<String> STATUSES =
      List.of("pending", "processing", "completed", "failed", "skipped");

  public record Publisher(String publisher, Map<String, Long> counts) {}

  /** Every status, zero where there are none, in the order above. */
  static Map<String, Long> zeros() {
    Map<String, Long> counts = new LinkedHashMap<>();
    STATUSES.forEach(s -> counts.put(s, 0L));
    return counts;
  }
}
