package io.ocrbatch.activities.statusdb;

import io.ocrbatch.activities.fault.RootCause;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Whether the status database answers: the last probe's finding, or a statement that could not
 * reach it (which says so at once, so a worker stops taking work before its next probe). Only a
 * probe says the database is back.
 */
public final class DatabaseHealth {

  /** A connection to the database, opened for one probe. */
  @FunctionalInterface
  public interface Probe {
    Connection connect() throws SQLException;
  }

  /** Reachable or not, since when, and why not. */
  public record State(boolean up, Instant since, String error) {}

  private final String target;
  private final Probe probe;
  private final List<Runnable> onFailure = new CopyOnWriteArrayList<>();
  private volatile State state = new State(true, Instant.now(), null);

  public DatabaseHealth(String target, Probe probe) {
    this.target = target;
    this.probe = probe;
  }

  /** A JDBC URL fit for a log: its password hidden. */
  public static String redact(String url) {
    return url == null ? null : url.replaceAll("password=[^&]*", "password=***");
  }

  /** What is probed: the JDBC URL, for messages. */
  public String target() {
    return target;
  }

  public State state() {
    return state;
  }

  /** Opens a connection and runs {@code SELECT 1}; updates and returns the state. */
  public State check() {
    try (Connection c = probe.connect();
        var s = c.createStatement()) {
      s.setQueryTimeout(5);
      s.execute("SELECT 1");
      return set(true, null);
    } catch (SQLException | RuntimeException e) {
      return set(false, RootCause.message(e));
    }
  }

  /** Called back (on the failing thread) when a statement could not reach the database. */
  public void onConnectionFailure(Runnable listener) {
    onFailure.add(listener);
  }

  void statementFailed(SQLException e) {
    if (!isConnectionFailure(e)) return;
    set(false, e.getMessage() != null ? e.getMessage() : RootCause.message(e));
    onFailure.forEach(Runnable::run);
  }

  private synchronized State set(boolean up, String error) {
    State before = state;
    state =
        before.up() == up
            ? new State(up, before.since(), error)
            : new State(up, Instant.now(), error);
    return state;
  }

  /** Connection refused or lost, pool timed out, server shutting down: not a bad statement. */
  static boolean isConnectionFailure(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException) return true;
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08")
            || state.equals("57P01")
            || state.equals("57P02")
            || state.equals("57P03")) return true;
      }
    }
    return false;
  }
}
