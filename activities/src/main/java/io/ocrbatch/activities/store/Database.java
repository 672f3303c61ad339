package io.ocrbatch.activities.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/** A migrated PostgreSQL status store reached by JDBC URL, with a connection pool. */
public final class Database implements AutoCloseable {

  private final HikariDataSource dataSource;
  private final String url;

  private Database(HikariDataSource dataSource, String url) {
    this.dataSource = dataSource;
    this.url = url;
  }

  /**
   * Connects and applies the Flyway migrations.
   *
   * @param url a {@code jdbc:postgresql://} URL; user and password may be inside it
   */
  public static Database connect(String url, String user, String password, int poolSize) {
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "database URL must be a jdbc:postgresql:// URL, got: " + url);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    if (user != null) config.setUsername(user);
    if (password != null) config.setPassword(password);
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("ocrbatch-status");
    config.setInitializationFailTimeout(10_000);
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot connect to PostgreSQL at " + url + ": " + io.ocrbatch.activities.RootCause.message(e), e);
    }
    Flyway.configure().dataSource(dataSource).load().migrate();
    return new Database(dataSource, url);
  }

  public Jdbc jdbc() {
    return new Jdbc(dataSource);
  }

  public String url() {
    return url;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
