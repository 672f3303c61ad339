package io.ocrbatch.activities.statusdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The port of the embedded PostgreSQL of a data folder, kept across restarts so that processes
 * attached to it (workers of a {@code dev}) find it again: the port asked for ({@code --db-port}),
 * else the one recorded in {@code <data>/pg.port}, else {@value #DEFAULT}. When the recorded or the
 * default port is taken by another program (the server is not running, so nothing is attached to
 * it), any free port, said in the log; the choice is recorded.
 */
final class EmbeddedPort {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedPort.class);
  static final int DEFAULT = 54329;
  static final String FILE = "pg.port";

  private EmbeddedPort() {}

  static int choose(Path dataDir, Integer requested) {
    Path recordFile = dataDir.resolve(FILE);
    if (requested != null) {
      return requireFree(requested, "asked for (--db-port / OCRBATCH_DB_PORT)");
    }
    Integer recorded = recorded(dataDir);
    if (recorded != null) {
      if (freeWithin(recorded, 5_000)) return recorded;
      int any = anyFree();
      log.warn(
          "Port {} (recorded in {}) is in use by another program; the embedded PostgreSQL of {}"
              + " uses port {} from now on",
          recorded,
          recordFile,
          dataDir,
          any);
      return any;
    }
    if (free(DEFAULT)) return DEFAULT;
    int any = anyFree();
    log.warn(
        "Port {} (the embedded PostgreSQL's default) is in use; using {} for {} from now on",
        DEFAULT,
        any,
        dataDir);
    return any;
  }

  static void record(Path dataDir, int port) {
    try {
      Files.createDirectories(dataDir);
      Files.writeString(dataDir.resolve(FILE), Integer.toString(port));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot record the embedded PostgreSQL's port in " + dataDir.resolve(FILE), e);
    }
  }

  /** The port recorded for this data folder, or null. */
  static Integer recorded(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    if (!Files.isRegularFile(file)) return null;
    try {
      return Integer.parseInt(Files.readString(file).trim());
    } catch (IOException | NumberFormatException e) {
      log.warn("Ignoring {}: not a port number ({})", file, e.getMessage());
      return null;
    }
  }

  static int requireFree(int port, String why) {
    if (port < 1 || port > 65535)
      throw new IllegalArgumentException(
          "embedded PostgreSQL port " + port + " (" + why + ") is not a TCP port");
    if (!freeWithin(port, 5_000)) {
      throw new IllegalStateException(
          "cannot start the embedded PostgreSQL on port "
              + port
              + " ("
              + why
              + "): the port is in use by another program; stop it, or give another port with --db-port");
    }
    return port;
  }

  /** A server stopped a moment ago may hold its port for a little while yet. */
  private static boolean freeWithin(int port, long millis) {
    long end = System.nanoTime() + millis * 1_000_000;
    while (!free(port)) {
      if (System.nanoTime() > end) return false;
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int anyFree() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free TCP port for the embedded PostgreSQL", e);
    }
  }
}
