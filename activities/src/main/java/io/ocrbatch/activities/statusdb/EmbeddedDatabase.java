package io.ocrbatch.activities.statusdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL (zonky's binaries from Maven Central) whose data lives on disk under {@code
 * <dataDir>/pg}. A server already running on that directory for a live process (a {@code dev}, say)
 * is attached to rather than started twice; one left behind by a killed JVM (nobody holds zonky's
 * lock file any more) is stopped and replaced by one this process owns.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final EmbeddedPostgres server; // null when attached to a running one
  private final int port;
  private final Path directory;

  private EmbeddedDatabase(EmbeddedPostgres server, int port, Path directory) {
    this.server = server;
    this.port = port;
    this.directory = directory;
  }

  public static EmbeddedDatabase startOrAttach(Path dataDir) {
    return startOrAttach(dataDir, null);
  }

  public int port() {
    return port;
  }

  /**
   * @param port the port to start on, or null for the one this data folder used before (see {@link
   *     EmbeddedPort}); a server already running is attached to on whatever port it has
   */
  public static EmbeddedDatabase startOrAttach(Path dataDir, Integer port) {
    Path directory = dataDir.toAbsolutePath().resolve("pg");
    Optional<Integer> running = runningPort(directory);
    if (running.isPresent() && !ownerGone(directory)) {
      log.info("Using the PostgreSQL already running on {} (port {})", directory, running.get());
      return new EmbeddedDatabase(null, running.get(), directory);
    }
    if (running.isPresent()) {
      stopOrphan(directory);
    }
    try {
      Files.createDirectories(directory.getParent());
      int chosen = EmbeddedPort.choose(directory.getParent(), port);
      EmbeddedPostgres server =
          EmbeddedPostgres.builder()
              .setPort(chosen)
              .setDataDirectory(directory)
              .setCleanDataDirectory(false)
              // we stop it ourselves, after the worker: zonky's own hook would stop it first on
              // Ctrl-C
              .setRegisterShutdownHook(false)
              .setServerConfig("max_connections", "200")
              .start();
      EmbeddedPort.record(directory.getParent(), server.getPort());
      log.info("Started embedded PostgreSQL on {} (port {})", directory, server.getPort());
      return new EmbeddedDatabase(server, server.getPort(), directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL in " + directory, e);
    }
  }

  /** The port of a live server on {@code directory}, read from its {@code postmaster.pid}. */
  public static Optional<Integer> runningPort(Path directory) {
    Path pidFile = directory.resolve("postmaster.pid");
    try {
      if (!Files.isRegularFile(pidFile)) return Optional.empty();
      List<String> lines = Files.readAllLines(pidFile);
      if (lines.size() < 4) return Optional.empty();
      long pid = Long.parseLong(lines.get(0).trim());
      int port = Integer.parseInt(lines.get(3).trim());
      boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      return alive && accepts(port) ? Optional.of(port) : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Whether the process that started the server is gone: nobody holds zonky's lock file. */
  private static boolean ownerGone(Path directory) {
    Path lock = directory.resolve("epg-lock");
    if (!Files.isRegularFile(lock)) return false; // not started by us: leave it alone
    try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
      FileLock held = channel.tryLock();
      if (held == null) return false;
      held.release();
      return true;
    } catch (OverlappingFileLockException e) {
      return false; // this JVM owns it
    } catch (IOException e) {
      return false;
    }
  }

  private static void stopOrphan(Path directory) {
    try {
      long pid =
          Long.parseLong(Files.readAllLines(directory.resolve("postmaster.pid")).get(0).trim());
      ProcessHandle.of(pid)
          .ifPresent(
              postmaster -> {
                log.info(
                    "Stopping the PostgreSQL (pid {}) left running on {} by a process that is gone",
                    pid,
                    directory);
                fastShutdown(
                    postmaster); // workers attached to it still hold connections: don't wait for
                // them
                try {
                  postmaster.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                  postmaster.destroyForcibly(); // crash recovery runs at the next start
                }
              });
    } catch (IOException | RuntimeException e) {
      log.warn("Could not stop the PostgreSQL left running on {}: {}", directory, e.getMessage());
    }
  }

  /** SIGINT: PostgreSQL's fast shutdown (clients are disconnected, then it stops cleanly). */
  private static void fastShutdown(ProcessHandle postmaster) {
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid()))
          .inheritIO()
          .start()
          .waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      postmaster.destroy(); // SIGTERM: smart shutdown
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  public Path directory() {
    return directory;
  }

  /** Whether this process started the server (and so stops it on close). */
  public boolean owned() {
    return server != null;
  }

  @Override
  public void close() {
    if (server == null) return;
    try {
      server.close();
    } catch (IOException e) {
      log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    }
  }
}
