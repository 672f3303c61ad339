package io.ocrbatch.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status store on the embedded PostgreSQL with its data on disk. */
class EmbeddedPostgresStatusStoreTest extends StatusStoreContract {
  @TempDir static Path dataDir;
  private static EmbeddedDatabase server;
  private static Database db;

  @BeforeAll
  static void start() {
    server = EmbeddedDatabase.startOrAttach(dataDir);
    db = Database.connect(server.jdbcUrl(), null, null, 8);
  }

  @AfterAll
  static void stop() {
    db.close();
    server.close();
  }

  @Override
  Database database() {
    return db;
  }

  @Test
  void aSecondProcessAttachesToTheRunningServerAndDataSurvivesARestart() {
    try (EmbeddedDatabase second = EmbeddedDatabase.startOrAttach(dataDir)) {
      assertThat(second.owned()).isFalse();
      assertThat(second.jdbcUrl()).isEqualTo(server.jdbcUrl());
    }
    db.jdbc().update("INSERT INTO job_types (name, engine, model, language) VALUES ('survivor', 'tesseract', 'eng', 'eng')");
    db.close();
    server.close();

    server = EmbeddedDatabase.startOrAttach(dataDir);
    assertThat(server.owned()).isTrue();
    db = Database.connect(server.jdbcUrl(), null, null, 8);
    assertThat(StatusStore.over(db.jdbc()).jobTypes().byName("survivor")).isPresent();
  }
}
