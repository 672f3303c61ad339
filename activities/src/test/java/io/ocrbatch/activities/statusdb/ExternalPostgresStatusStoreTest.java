package io.ocrbatch.activities.statusdb;

import io.ocrbatch.activities.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The status store on an external PostgreSQL reached by URL (the machine's server). */
class ExternalPostgresStatusStoreTest extends StatusStoreContract {
  private static TestDatabases.Fresh db;

  @BeforeAll
  static void start() {
    db = TestDatabases.fresh();
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  @Override
  Database database() {
    return db.database();
  }
}
