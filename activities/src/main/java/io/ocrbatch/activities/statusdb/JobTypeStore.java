package io.ocrbatch.activities.statusdb;

import io.ocrbatch.activities.engines.EngineRegistry;
import io.ocrbatch.workflows.JobTypeSpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Job types: named OCR configurations. */
public final class JobTypeStore {
  private static final String COLUMNS =
      "id, name, engine, model, language, encoding, line_mode, output_formats";

  private final Jdbc jdbc;

  public JobTypeStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  public List<JobTypeSpec> list() {
    return jdbc.query("SELECT " + COLUMNS + " FROM job_types ORDER BY id", JobTypeStore::map);
  }

  public Optional<JobTypeSpec> byId(long id) {
    return jdbc.queryOne(
        "SELECT " + COLUMNS + " FROM job_types WHERE id = ?", JobTypeStore::map, id);
  }

  public Optional<JobTypeSpec> byName(String name) {
    return jdbc.queryOne(
        "SELECT " + COLUMNS + " FROM job_types WHERE name = ?", JobTypeStore::map, name);
  }

  /** Adds a job type; a name that exists already is an error naming it. */
  public JobTypeSpec create(JobTypeSpec spec, String description) {
    if (byName(spec.name()).isPresent()) {
      throw new IllegalArgumentException("job type '" + spec.name() + "' already exists");
    }
    long id =
        jdbc.queryLong(
            "INSERT INTO job_types (name, engine, model, language, encoding, line_mode, output_formats, description)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            spec.name(),
            spec.engine(),
            spec.model(),
            spec.language(),
            spec.encoding(),
            spec.lineMode(),
            String.join(",", spec.outputFormats()),
            description);
    return byId(id).orElseThrow();
  }

  private static JobTypeSpec map(ResultSet rs) throws SQLException {
    return EngineRegistry.routed(
        new JobTypeSpec(
            rs.getLong("id"),
            rs.getString("name"),
            rs.getString("engine"),
            rs.getString("model"),
            rs.getString("language"),
            rs.getString("encoding"),
            rs.getString("line_mode"),
            Arrays.stream(rs.getString("output_formats").split(",")).map(String::strip).toList()));
  }
}
