package io.ocrbatch.activities.statusdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Small JDBC helper: parameterised statements, row mapping, SQLException turned unchecked. */
public final class Jdbc {

  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private final DataSource dataSource;
  private final DatabaseHealth health;

  public Jdbc(DataSource dataSource) {
    this(dataSource, new DatabaseHealth(String.valueOf(dataSource), dataSource::getConnection));
  }

  public Jdbc(DataSource dataSource, DatabaseHealth health) {
    this.dataSource = dataSource;
    this.health = health;
  }

  /** Whether the database answers; statements that cannot reach it report here. */
  public DatabaseHealth health() {
    return health;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public int update(String sql, Object... params) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = prepare(c, sql, params)) {
      return ps.executeUpdate();
    } catch (SQLException e) {
      health.statementFailed(e);
      throw new StoreException(sql, e);
    }
  }

  public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = prepare(c, sql, params);
        ResultSet rs = ps.executeQuery()) {
      List<T> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(mapper.map(rs));
      }
      return rows;
    } catch (SQLException e) {
      health.statementFailed(e);
      throw new StoreException(sql, e);
    }
  }

  public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
    List<T> rows = query(sql, mapper, params);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  public long queryLong(String sql, Object... params) {
    return queryOne(sql, rs -> rs.getLong(1), params).orElseThrow();
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... params)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i]);
    }
    return ps;
  }

  /**
   * A failed statement, with the statement's text in the message: the store is unavailable (HTTP
   * 503).
   */
  public static final class StoreException
      extends io.ocrbatch.activities.fault.StoreUnavailableException {
    StoreException(String sql, SQLException cause) {
      super(
          "database error: "
              + cause.getMessage()
              + " [in: "
              + sql.strip().replaceAll("\\s+", " ")
              + "]",
          cause);
    }
  }
}
