package io.ocrbatch.api.web;

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

    @Override
    public Health health() {
      try {
        return Health.up().withDetail("job_types", jobs.store().jobTypes().list().size()).build();
      } catch (RuntimeException e) {
        return Health.down().withDetail("error", ApiErrors.rootMessage(e)).build();
      }
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
