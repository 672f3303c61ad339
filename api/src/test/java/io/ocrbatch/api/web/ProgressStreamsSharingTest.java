package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.statusdb.Database;
import io.ocrbatch.activities.statusdb.EmbeddedDatabase;
import io.ocrbatch.activities.statusdb.Jdbc;
import io.ocrbatch.activities.statusdb.NewJob;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.api.JobService;
import io.ocrbatch.workflows.VolumeRef;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Watchers of one job share its reads: the SSE streams of a job read the store once per poll
 * interval whatever their number. Counts the statements sent to a real PostgreSQL, not time. With
 * {@code OCRBATCH_BENCH_SSE=1} (bench/status-at-scale.sh) it also prints the statement rate with 1
 * and 200 subscribers at the default interval.
 */
class ProgressStreamsSharingTest {
  @TempDir static Path dataDir;
  private static EmbeddedDatabase server;
  private static Database db;
  private static final AtomicLong statements = new AtomicLong();
  private static StatusStore store;
  private static JobService jobs;

  @BeforeAll
  static void start() {
    server = EmbeddedDatabase.startOrAttach(dataDir.resolve("pg"));
    db = Database.connect(server.jdbcUrl(), null, null, 4);
    store = StatusStore.over(new Jdbc(counting(db.jdbc().dataSource())));
    jobs = new JobService(null, store, null, Clock.systemUTC(), null, null);
  }

  @AfterAll
  static void stop() {
    db.close();
    server.close();
  }

  /** A DataSource whose connections count the statements they prepare. */
  private static DataSource counting(DataSource real) {
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (p, m, args) -> {
              Object result = invoke(m, real, args);
              if (!(result instanceof Connection c)) return result;
              return Proxy.newProxyInstance(
                  Connection.class.getClassLoader(),
                  new Class<?>[] {Connection.class},
                  (pc, mc, a) -> {
                    if (mc.getName().startsWith("prepare")
                        || mc.getName().equals("createStatement")) statements.incrementAndGet();
                    return invoke(mc, c, a);
                  });
            });
  }

  private static Object invoke(java.lang.reflect.Method m, Object target, Object[] args)
      throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static String runningJob() {
    String key = "S" + System.nanoTime();
    long typeId = store.jobTypes().byName("tesseract-eng").orElseThrow().id();
    long id =
        store
            .jobs()
            .create(
                new NewJob(
                    key,
                    typeId,
                    "/out",
                    2,
                    300,
                    10,
                    3,
                    List.of(new VolumeRef("a", "file:///scans/" + key + "/a"))))
            .job()
            .id();
    store.jobs().markStarted(id);
    return key;
  }

  /**
   * Statements sent while {@code subscribers} streams follow one job for {@code window}, per
   * second.
   */
  private static double statementsPerSecond(Duration interval, int subscribers, Duration window)
      throws Exception {
    String key = runningJob();
    ApiSettings defaults = ApiSettings.defaults(0, dataDir);
    ApiSettings settings =
        new ApiSettings(
            defaults.port(),
            defaults.bindAddress(),
            defaults.dataDir(),
            defaults.tokens(),
            defaults.maxUploadBytes(),
            defaults.maxPages(),
            defaults.retention(),
            defaults.streamTimeout(),
            interval,
            defaults.cleanupInterval(),
            defaults.roots());
    ProgressStreams streams = new ProgressStreams(jobs, null, settings);
    try {
      List<SseEmitter> open = new ArrayList<>();
      for (int i = 0; i < subscribers; i++) open.add(streams.jobEvents(key));
      Thread.sleep(interval.toMillis() * 3); // every stream has had its first look
      long before = statements.get();
      Thread.sleep(window.toMillis());
      return (statements.get() - before) * 1000.0 / window.toMillis();
    } finally {
      streams.stop();
    }
  }

  @Test
  void fiftyStreamsOnOneJobReadTheStoreOncePerInterval() throws Exception {
    String key = runningJob();
    long before = statements.get();
    jobs.report(jobs.find(null, key));
    long perRead = statements.get() - before;

    Duration interval = Duration.ofMillis(100);
    Duration window = Duration.ofSeconds(2);
    double rate = statementsPerSecond(interval, 50, window);
    double readsPerSecond = rate / perRead;
    double intervalsPerSecond = 1000.0 / interval.toMillis();
    // Unshared, 50 streams would read 50 times per interval (500 reads/s here).
    assertThat(readsPerSecond)
        .as("reads per second with 50 subscribers (%d statements each)", perRead)
        .isLessThanOrEqualTo(intervalsPerSecond + 1);
  }

  @Test
  void benchRateWithOneAndTwoHundredSubscribers() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        "1".equals(System.getenv("OCRBATCH_BENCH_SSE")), "bench only");
    Duration interval = ApiSettings.defaults(0, dataDir).pollInterval();
    for (int n : new int[] {1, 200}) {
      double rate = statementsPerSecond(interval, n, Duration.ofSeconds(5));
      System.out.printf(
          "SSE /api/jobs/{key}/events, %3d subscriber(s) on one job, poll every %d ms: %.1f statements/s%n",
          n, interval.toMillis(), rate);
    }
  }
}
