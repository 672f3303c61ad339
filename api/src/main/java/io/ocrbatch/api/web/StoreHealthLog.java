package io.ocrbatch.api.web;

import io.ocrbatch.activities.fault.RootCause;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's background duties meet a database outage as an expected state, as workers do ({@code
 * DatabaseWatch}): one {@code health:} line when the status database stops answering, one when it
 * answers again, and no stack trace for every round in between.
 */
final class StoreHealthLog {
  private static final Logger log = LoggerFactory.getLogger(StoreHealthLog.class);

  private final String duties;
  private Instant downSince;

  /** {@code duties}: what waits meanwhile, for the message ("callbacks"). */
  StoreHealthLog(String duties) {
    this.duties = duties;
  }

  synchronized void unreachable(RuntimeException e) {
    if (downSince != null) return;
    downSince = Instant.now();
    log.warn(
        "API health: status database unreachable ({}); {} wait until it answers",
        reason(e),
        duties);
  }

  /** The database driver's own words (connection refused, I/O error), else the innermost cause. */
  private static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause())
      if (t instanceof java.sql.SQLException sql && sql.getMessage() != null)
        return sql.getMessage();
    return RootCause.message(e);
  }

  synchronized void answered() {
    if (downSince == null) return;
    log.info(
        "API health: status database answers again after {} s; {} resume",
        Duration.between(downSince, Instant.now()).toSeconds(),
        duties);
    downSince = null;
  }
}
