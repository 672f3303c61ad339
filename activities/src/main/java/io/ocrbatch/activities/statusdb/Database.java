package io.ocrbatch.activities.statusdb;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.flywaydb.core.Flyway;

/** A migrated PostgreSQL status store reached by JDBC URL, with a connection pool. */
public final class Database implements AutoCloseable {

  /**
   * How long a statement waits for a connection before failing (retryably): a database that is down
   * fails fast.
   */
  static final long CONNECTION_TIMEOUT_MS = 5_000;

  private final HikariDataSource dataSource;
  private final String url;
  private final DatabaseHealth health;

  private Database(HikariDataSource dataSource, String url, DatabaseHealth health) {
    this.dataSource = dataSource;
    this.url = url;
    this.health = health;
  }

  /**
   * Connects and applies the Flyway migrations.
   *
   * @param url a {@code jdbc:postgresql://} URL; user and password may be inside it
   */
  public static Database connect(String url, String user, String password, int poolSize) {
    requirePostgresUrl(url);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    if (user != null) config.setUsername(user);
    if (password != null) config.setPassword(password);
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("ocrbatch-status");
    config.setInitializationFailTimeout(10_000);
    config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot connect to PostgreSQL at "
              + url
              + ": "
              + io.ocrbatch.activities.fault.RootCause.message(e),
          e);
    }
    Flyway.configure().dataSource(dataSource).load().migrate();
    return new Database(
        dataSource, url, new DatabaseHealth(url, () -> probeConnection(url, user, password)));
  }

  /** A URL the PostgreSQL driver can read; else IllegalArgumentException saying what is wrong. */
  static void requirePostgresUrl(String url) {
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "database URL must be a jdbc:postgresql:// URL, got: " + url);
    }
    if (org.postgresql.Driver.parseURL(url, null) == null) {
      throw new IllegalArgumentException(
          "malformed database URL "
              + DatabaseHealth.redact(url)
              + ": expected jdbc:postgresql://HOST[:PORT]/DATABASE[?user=…]");
    }
  }

  /**
   * A connection of its own (not the pool's, which may be busy rather than cut off), quick to give
   * up.
   */
  static Connection probeConnection(String url, String user, String password) throws SQLException {
    Properties properties = new Properties();
    if (user != null) properties.setProperty("user", user);
    if (password != null) properties.setProperty("password", password);
    properties.setProperty("connectTimeout", "3");
    properties.setProperty("socketTimeout", "5");
    properties.setProperty("loginTimeout", "5");
    return DriverManager.getConnection(url, properties);
  }

  public Jdbc jdbc() {
    return new Jdbc(dataSource, health);
  }

  /**
   * Whether the database answers (probed on demand; statements that cannot reach it report here).
   */
  public DatabaseHealth health() {
    return health;
  }

  public String url() {
    return url;
  }

  /**
   * Reports the pool (hikaricp_connections_active, _pending, _timeout_total, …) to {@code
   * registry}; once per pool.
   */
  public void reportPoolTo(io.micrometer.core.instrument.MeterRegistry registry) {
    if (dataSource.getMetricRegistry() == null && dataSource.getMetricsTrackerFactory() == null) {
      dataSource.setMetricsTrackerFactory(
          new com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory(registry));
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
