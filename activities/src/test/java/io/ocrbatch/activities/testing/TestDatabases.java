package io.ocrbatch.activities.testing;

import io.ocrbatch.activities.statusdb.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Real PostgreSQL databases for tests: a fresh database per test class on the machine's server
 * (127.0.0.1:5432, or $OCRBATCH_TEST_PG_URL), dropped afterwards.
 */
public final class TestDatabases {
  public static final String SERVER =
      System.getenv()
          .getOrDefault(
              "OCRBATCH_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

  private TestDatabases() {}

  /** A migrated, empty status store in a database of its own; closing it drops the database. */
  public static Fresh fresh() {
    String name = "ocrbatch_test_" + Long.toHexString(System.nanoTime());
    admin("CREATE DATABASE " + name);
    String url = SERVER.replace("/postgres?", "/" + name + "?");
    return new Fresh(name, Database.connect(url, null, null, 8));
  }

  /**
   * A database migrated up to the migration before version {@code version} only, to test that
   * migration: {@link Database#connect} on {@code url} applies the rest. Closing it drops the
   * database.
   */
  public static Partial migratedBefore(String version) {
    String name = "ocrbatch_test_" + Long.toHexString(System.nanoTime());
    admin("CREATE DATABASE " + name);
    String url = SERVER.replace("/postgres?", "/" + name + "?");
    MigrationVersion limit = MigrationVersion.fromVersion(version);
    MigrationVersion target =
        Arrays.stream(Flyway.configure().dataSource(url, null, null).load().info().all())
            .map(MigrationInfo::getVersion)
            .filter(v -> v.compareTo(limit) < 0)
            .max(MigrationVersion::compareTo)
            .orElseThrow();
    Flyway.configure().dataSource(url, null, null).target(target).load().migrate();
    return new Partial(name, url);
  }

  public record Partial(String name, String url) implements AutoCloseable {
    @Override
    public void close() {
      admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  public record Fresh(String name, Database database) implements AutoCloseable {
    @Override
    public void close() {
      database.close();
      admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  private static void admin(String sql) {
    try (Connection c = DriverManager.getConnection(SERVER);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL at "
              + SERVER
              + " is needed for this test (start it with"
              + " `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`): "
              + e.getMessage(),
          e);
    }
  }
}
