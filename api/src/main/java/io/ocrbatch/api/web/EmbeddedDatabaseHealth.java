package io.ocrbatch.api.web;

import io.ocrbatch.activities.statusdb.EmbeddedDatabase;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * {@code /actuator/health}'s {@code embeddedDatabase}: the embedded PostgreSQL a {@code dev} runs
 * on, whether it runs or is being started again after its postmaster died, its port and pid, and
 * how often it was restarted.
 */
final class EmbeddedDatabaseHealth implements HealthIndicator {
  private final EmbeddedDatabase database;

  EmbeddedDatabaseHealth(EmbeddedDatabase database) {
    this.database = database;
  }

  @Override
  public Health health() {
    EmbeddedDatabase.Status status = database.status();
    Health.Builder health = status.up() ? Health.up() : Health.down();
    health
        .withDetail("state", status.state())
        .withDetail("port", status.port())
        .withDetail("pid", status.pid())
        .withDetail("restarts", status.restarts())
        .withDetail("supervised", status.supervised())
        .withDetail("directory", database.directory().toString())
        .withDetail("since", status.since().toString());
    if (status.problem() != null) health.withDetail("problem", status.problem());
    return health.build();
  }
}
