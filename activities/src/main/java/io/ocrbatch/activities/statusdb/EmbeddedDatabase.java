package io.ocrbatch.activities.statusdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL (zonky's binaries from Maven Central) whose data lives on disk under {@code
 * <dataDir>/pg}, run durably (fsync on). A server already running on that directory is attached to
 * rather than started twice. A server this process starts, or an orphan it adopts (left running by
 * a process that is gone: only the service commands adopt, {@link #startOrAttach}), is supervised
 * (started again on the same port when it dies) and stopped on close; a client ({@link #attach})
 * never stops or takes over a server others may be using.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  /**
   * {@code synchronous_commit} of the embedded server (see the README's measurement): {@code off}
   * risks the last fraction of a second of commits on a host crash, never corruption (fsync is on).
   */
  static final String SYNCHRONOUS_COMMIT =
      System.getProperty("ocrbatch.embedded.synchronous-commit", "on");

  private final int port;
  private final Path directory;
  private final EmbeddedSupervisor supervisor; // null when attached

  private EmbeddedDatabase(int port, Path directory, EmbeddedSupervisor supervisor) {
    this.port = port;
    this.directory = directory;
    this.supervisor = supervisor;
  }

  /**
   * What {@code /actuator/health} shows.
   *
   * @param state {@code running}, {@code restarting} (its postmaster died; being started again) or
   *     {@code attached} (another process owns it)
   * @param supervised whether this process starts it again when it dies
   */
  public record Status(
      String state,
      int port,
      long pid,
      int restarts,
      Instant since,
      String problem,
      boolean supervised) {
    public boolean up() {
      return !state.equals("restarting");
    }

    Status restarting(Instant at, String why) {
      return new Status("restarting", port, pid, restarts, at, why, supervised);
    }

    Status runningAgain(long newPid) {
      return new Status("running", port, newPid, restarts + 1, Instant.now(), null, supervised);
    }

    Status withProblem(String why) {
      return new Status(state, port, pid, restarts, since, why, supervised);
    }
  }

  /** For the service commands ({@code dev}, {@code ocr}, {@code watch}): see {@link #open}. */
  public static EmbeddedDatabase startOrAttach(Path dataDir) {
    return startOrAttach(dataDir, null);
  }

  /**
   * For the service commands: attaches to a server whose owner lives, adopts an orphaned one
   * (supervises it, stops it on close), else starts one.
   *
   * @param port the port to start on, or null for the one this data folder used before (see {@link
   *     EmbeddedPort}); a server already running is used on whatever port it has
   */
  public static EmbeddedDatabase startOrAttach(Path dataDir, Integer port) {
    return open(dataDir, port, true);
  }

  /**
   * For clients and extra workers: uses a running server as it is (an orphan included, which the
   * next {@code dev} adopts); when its owner is starting it again, waits for it on its port; starts
   * one of its own only when none runs and no process owns the folder.
   */
  public static EmbeddedDatabase attach(Path dataDir, Integer port) {
    return open(dataDir, port, false);
  }

  private static EmbeddedDatabase open(Path dataDir, Integer port, boolean adoptOrphans) {
    Path directory = dataDir.toAbsolutePath().resolve("pg");
    // a live postmaster counts even before it accepts connections (starting, recovering, busy)
    Optional<PostmasterFiles.Running> running = PostmasterFiles.recorded(directory);
    PostmasterFiles.Owner owner = PostmasterFiles.owner(directory);
    if (running.isPresent()) {
      int at = running.get().port();
      if (owner == PostmasterFiles.Owner.GONE && adoptOrphans) {
        FileLock lock = takeLock(directory);
        if (lock != null) {
          log.warn(
              "Adopting the PostgreSQL (pid {}, port {}) left running on {} by a process that is"
                  + " gone: this process supervises and stops it from now on",
              running.get().pid(),
              at,
              directory);
          return new EmbeddedDatabase(
              at,
              directory,
              EmbeddedSupervisor.adopted(directory, at, EmbeddedDatabase::startServer, lock));
        }
      }
      log.info("Using the PostgreSQL already running on {} (port {})", directory, at);
      return new EmbeddedDatabase(at, directory, null);
    }
    Integer recorded = EmbeddedPort.recorded(dataDir.toAbsolutePath());
    if (owner != PostmasterFiles.Owner.GONE
        && owner != PostmasterFiles.Owner.UNKNOWN
        && recorded != null) {
      log.warn(
          "The PostgreSQL of {} is not running and the process that owns it is alive (it starts"
              + " it again): waiting for it on port {}",
          directory,
          recorded);
      return new EmbeddedDatabase(recorded, directory, null);
    }
    try {
      Files.createDirectories(directory.getParent());
      int chosen = EmbeddedPort.choose(directory.getParent(), port);
      EmbeddedPostgres server = startServer(directory, chosen);
      EmbeddedPort.record(directory.getParent(), server.getPort());
      log.info("Started embedded PostgreSQL on {} (port {})", directory, server.getPort());
      return new EmbeddedDatabase(
          server.getPort(),
          directory,
          EmbeddedSupervisor.started(
              directory, server.getPort(), EmbeddedDatabase::startServer, server));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL in " + directory, e);
    }
  }

  private static FileLock takeLock(Path directory) {
    try {
      return PostmasterFiles.takeLock(directory);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Starts a server on the directory (made by initdb the first time). zonky passes {@code -F}
   * (fsync off) and {@code synchronous_commit=off}; {@code fsync=on} comes later on the command
   * line, so it wins: a host crash cannot corrupt the status tables.
   */
  static EmbeddedPostgres startServer(Path directory, int port) throws IOException {
    return EmbeddedPostgres.builder()
        .setPort(port)
        .setDataDirectory(directory)
        .setCleanDataDirectory(false)
        // we stop it ourselves, after the worker: zonky's own hook would stop it first on Ctrl-C
        .setRegisterShutdownHook(false)
        .setServerConfig("max_connections", "200")
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", SYNCHRONOUS_COMMIT)
        .start();
  }

  /** The port of a live server on {@code directory}, read from its {@code postmaster.pid}. */
  public static Optional<Integer> runningPort(Path directory) {
    return PostmasterFiles.running(directory).map(PostmasterFiles.Running::port);
  }

  public int port() {
    return port;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  public Path directory() {
    return directory;
  }

  /** Whether this process started or adopted the server (and so supervises and stops it). */
  public boolean owned() {
    return supervisor != null;
  }

  public Status status() {
    if (supervisor != null) return supervisor.status();
    long pid = PostmasterFiles.running(directory).map(PostmasterFiles.Running::pid).orElse(-1L);
    return new Status("attached", port, pid, 0, Instant.now(), null, false);
  }

  @Override
  public void close() {
    if (supervisor != null) supervisor.close();
  }
}
