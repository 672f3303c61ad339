package io.ocrbatch.activities.statusdb;

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
  static void start() throws Exception {
    // a port of its own: the default one may be held by another embedded server on this machine
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      EmbeddedPort.record(dataDir, free.getLocalPort());
    }
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
    db.jdbc()
        .update(
            "INSERT INTO job_types (name, engine, model, language) VALUES ('survivor', 'tesseract', 'eng', 'eng')");
    db.close();
    server.close();

    server = EmbeddedDatabase.startOrAttach(dataDir);
    assertThat(server.owned()).isTrue();
    db = Database.connect(server.jdbcUrl(), null, null, 8);
    assertThat(StatusStore.over(db.jdbc()).jobTypes().byName("survivor")).isPresent();
  }

  @Test
  void theServerKeepsItsPortAcrossRestartsOfTheSameDataFolder(@TempDir Path other)
      throws Exception {
    int first;
    try (EmbeddedDatabase a = EmbeddedDatabase.startOrAttach(other)) {
      first = a.port();
    }
    try (EmbeddedDatabase b = EmbeddedDatabase.startOrAttach(other)) {
      assertThat(b.port()).as("workers attached to the first one find the second").isEqualTo(first);
      assertThat(b.jdbcUrl()).contains(":" + first + "/");
    }
    assertThat(other.resolve("pg.port"))
        .as("recorded in the data folder")
        .hasContent(String.valueOf(first));
  }

  @Test
  void aGivenPortIsUsedAndABusyOneIsRefusedWithTheReason(@TempDir Path other) throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    try (EmbeddedDatabase a = EmbeddedDatabase.startOrAttach(other, port)) {
      assertThat(a.port()).isEqualTo(port);
    }
    try (java.net.ServerSocket busy =
        new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> EmbeddedDatabase.startOrAttach(other.resolve("x"), port))
          .hasMessageContaining("port " + port)
          .hasMessageContaining("in use");
    }
  }
}
