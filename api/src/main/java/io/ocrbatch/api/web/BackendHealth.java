package io.ocrbatch.api.web;

import io.ocrbatch.activities.statusdb.DatabaseHealth;
import io.ocrbatch.api.JobService;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code /actuator/health}: the status database answers, and Temporal is reachable. */
class BackendHealth {
  private BackendHealth() {}

  @Component("database")
  static final class Database implements HealthIndicator {
    private final JobService jobs;

    Database(JobService jobs) {
      this.jobs = jobs;
    }

    /**
     * A probe on a connection of its own (quick to give up), so a pool waiting for connections
     * cannot stall it.
     */
    @Override
    public Health health() {
      DatabaseHealth.State state = jobs.store().health().check();
      Health.Builder health =
          state.up() ? Health.up() : Health.down().withDetail("error", state.error());
      return health
          .withDetail(state.up() ? "up_since" : "down_since", state.since().toString())
          .build();
    }
  }

  @Component("temporal")
  static final class Temporal implements HealthIndicator {
    private final JobService jobs;

    Temporal(JobService jobs) {
      this.jobs = jobs;
    }

    @Override
    public Health health() {
      try {
        var check = jobs.temporalHealth();
        return Health.up().withDetail("target", check).build();
      } catch (RuntimeException e) {
        return Health.down().withDetail("error", ApiErrors.rootMessage(e)).build();
      }
    }
  }
}
