package io.ocrbatch.activities.statusdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.testing.OrphanedDatabase;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL runs durably, is started again when it dies, takes another port when its
 * own is taken, and an orphan is used by clients as it is and adopted by the next service.
 */
class EmbeddedDatabaseSupervisionTest {
  @TempDir Path dataDir;

  private void givePortOfItsOwn() throws Exception {
    try (ServerSocket free = new ServerSocket(0)) {
      EmbeddedPort.record(dataDir, free.getLocalPort());
    }
  }

  @Test
  void itRunsWithFsyncOn() throws Exception {
    givePortOfItsOwn();
    try (EmbeddedDatabase server = EmbeddedDatabase.startOrAttach(dataDir);
        Database db = Database.connect(server.jdbcUrl(), null, null, 2)) {
      assertThat(db.jdbc().queryOne("SHOW fsync", rs -> rs.getString(1))).hasValue("on");
      assertThat(db.jdbc().queryOne("SHOW synchronous_commit", rs -> rs.getString(1)))
          .hasValue(EmbeddedDatabase.SYNCHRONOUS_COMMIT);
    }
  }

  @Test
  void aKilledPostmasterIsStartedAgainOnItsPortAndClientsGoOn() throws Exception {
    givePortOfItsOwn();
    try (EmbeddedDatabase server = EmbeddedDatabase.startOrAttach(dataDir);
        Database db = Database.connect(server.jdbcUrl(), null, null, 2)) {
      db.jdbc()
          .update(
              "INSERT INTO job_types (name, engine, model, language) VALUES ('kept', 'tesseract', 'eng', 'eng')");
      long pid = server.status().pid();
      ProcessHandle.of(pid).orElseThrow().destroyForcibly();

      awaitTrue(() -> server.status().restarts() == 1 && server.status().up());
      assertThat(server.status().port()).isEqualTo(server.port());
      assertThat(server.status().pid()).isNotEqualTo(pid);
      assertThat(EmbeddedDatabase.runningPort(server.directory())).hasValue(server.port());
      assertThat(StatusStore.over(db.jdbc()).jobTypes().byName("kept"))
          .as("the pool reconnects; the committed row is there")
          .isPresent();
    }
    assertThat(EmbeddedDatabase.runningPort(dataDir.resolve("pg").toAbsolutePath())).isEmpty();
  }

  @Test
  void aRecordedPortTakenByAnotherProgramIsReplacedWhenNothingIsAttached() throws Exception {
    try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      EmbeddedPort.record(dataDir, other.getLocalPort());
      try (EmbeddedDatabase server = EmbeddedDatabase.startOrAttach(dataDir)) {
        assertThat(server.port()).isNotEqualTo(other.getLocalPort());
        assertThat(dataDir.resolve("pg.port")).hasContent(String.valueOf(server.port()));
      }
    }
  }

  @Test
  void aClientUsesAnOrphanAsItIsAndTheNextServiceAdoptsIt() throws Exception {
    givePortOfItsOwn();
    long pid = OrphanedDatabase.leaveRunning(dataDir);
    String url = "jdbc:postgresql://127.0.0.1:" + EmbeddedPort.recorded(dataDir) + "/postgres";
    try (Connection attachedWorker = DriverManager.getConnection(url, "postgres", "")) {
      try (EmbeddedDatabase client = EmbeddedDatabase.attach(dataDir, null)) {
        assertThat(client.owned()).isFalse();
        assertThat(client.status().pid()).isEqualTo(pid);
      }
      assertThat(ProcessHandle.of(pid)).as("left running").isPresent();
      assertThat(attachedWorker.isValid(5)).as("the attached worker's connection").isTrue();

      try (EmbeddedDatabase service = EmbeddedDatabase.startOrAttach(dataDir)) {
        assertThat(service.owned()).as("adopted").isTrue();
        assertThat(service.status().pid()).as("not restarted").isEqualTo(pid);
        assertThat(attachedWorker.isValid(5)).isTrue();
      }
    }
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
        .as("stopped by the service that adopted it")
        .isFalse();
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("not within 2 minutes");
      Thread.sleep(100);
    }
  }
}
