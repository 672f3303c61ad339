package io.ocrbatch.activities.statusdb;

import io.ocrbatch.activities.fault.RootCause;
import io.ocrbatch.activities.fault.StartupWait;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;

/**
 * Connects a starting worker to its status database, waiting while the database does not answer
 * ({@link StartupWait}), as a running worker does. What waiting cannot fix fails at once: a
 * malformed URL, a refused login, a database that does not exist.
 */
public final class DatabaseStartup {
  private DatabaseStartup() {}

  /**
   * @param who the service, for the log ({@code Worker w1})
   * @param stopped true once the process is asked to stop (then this gives up)
   * @throws IllegalStateException when the database refuses us, or when stopped while waiting
   */
  public static Database connect(
      String url, String user, String password, int poolSize, String who, BooleanSupplier stopped) {
    Database.requirePostgresUrl(url);
    String target = DatabaseHealth.redact(url);
    StartupWait wait = new StartupWait(who, "status database " + target, stopped);
    while (true) {
      try {
        try (Connection probe = Database.probeConnection(url, user, password)) {
          probe.isValid(5);
        }
        Database database = Database.connect(url, user, password, poolSize);
        wait.answered();
        return database;
      } catch (SQLException | RuntimeException e) {
        SQLException cause = sqlCause(e);
        if (cause == null || !DatabaseHealth.isConnectionFailure(cause)) {
          throw e instanceof IllegalStateException state
              ? state
              : new IllegalStateException(
                  "cannot connect to PostgreSQL at " + target + ": " + RootCause.message(e), e);
        }
        wait.unreachable(cause.getMessage());
      }
    }
  }

  private static SQLException sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) return sql;
      if (t.getCause() == t) break;
    }
    return null;
  }
}
