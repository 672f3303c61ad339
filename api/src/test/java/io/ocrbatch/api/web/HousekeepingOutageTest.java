package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ocrbatch.activities.statusdb.Database;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.testing.TcpProxy;
import io.ocrbatch.activities.testing.TestDatabases;
import io.ocrbatch.api.JobService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The API's scheduled duties (callbacks every 2 s, upload clean-up) meet a database outage as an
 * expected state: one health line when it begins and one when it ends, no ERROR and no stack trace
 * at every round in between.
 */
class HousekeepingOutageTest {
  @TempDir Path data;

  @Test
  void anOutageIsReportedOnceWhenItBeginsAndOnceWhenItEnds() throws Exception {
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    Logger apiLogs = (Logger) LoggerFactory.getLogger("io.ocrbatch.api.web");
    apiLogs.addAppender(logged);
    Level level = apiLogs.getLevel();
    apiLogs.setLevel(Level.INFO);
    try (var db = TestDatabases.fresh();
        TcpProxy proxy = TcpProxy.forJdbcUrl(db.database().url());
        Database viaProxy = Database.connect(proxy.jdbcUrl(db.database().url()), null, null, 4)) {
      StatusStore store = StatusStore.over(viaProxy.jdbc());
      Housekeeping housekeeping =
          new Housekeeping(
              new JobService(null, store, ApiHarness.FAST_RETRY, Clock.systemUTC()),
              ApiSettings.defaults(0, data));
      housekeeping.sendCallbacks();

      proxy.cut();
      housekeeping.sendCallbacks();
      housekeeping.sendCallbacks();
      housekeeping.removeExpiredUploads();
      proxy.restore();
      long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (logged.list.size() < 2 && System.nanoTime() < end) housekeeping.sendCallbacks();
      housekeeping.sendCallbacks();
    } finally {
      apiLogs.detachAppender(logged);
      apiLogs.setLevel(level);
    }

    List<ILoggingEvent> events = logged.list;
    assertThat(events).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO);
    assertThat(events).allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
    assertThat(events.get(0).getFormattedMessage())
        .startsWith("API health: status database unreachable (")
        .endsWith("); callbacks and upload clean-up wait until it answers");
    assertThat(events.get(1).getFormattedMessage())
        .startsWith("API health: status database answers again after ")
        .endsWith(" s; callbacks and upload clean-up resume");
  }
}
