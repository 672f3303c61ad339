package io.ocrbatch.activities;

import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.testing.TestDatabases;
import io.ocrbatch.workflows.PageChunk;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests of the page activity on a real status store: one fresh database per class, and per test an
 * activity environment running the activity of a {@link ChunkFixture}.
 */
abstract class PageActivityTestBase {
  static TestDatabases.Fresh db;
  static StatusStore store;
  @TempDir Path dir;
  TestActivityEnvironment env;
  ChunkFixture fixture;
  List<String> decoded;

  @BeforeAll
  static void database() {
    db = TestDatabases.fresh();
    store = StatusStore.over(db.database().jdbc());
  }

  @AfterAll
  static void dropDatabase() {
    db.close();
  }

  @BeforeEach
  void setUp() {
    fixture = new ChunkFixture(store, dir);
    decoded = fixture.decoded;
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(fixture.activitiesOver(store));
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  PageChunk chunk(int pages, String... corrupt) throws Exception {
    return fixture.chunk(pages, corrupt);
  }
}
