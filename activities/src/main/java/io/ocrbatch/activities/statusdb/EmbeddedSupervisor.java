package io.ocrbatch.activities.statusdb;

import io.ocrbatch.activities.fault.RootCause;
import io.ocrbatch.activities.fault.StartupWait;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded PostgreSQL this process owns running: when its postmaster dies (killed, out of
 * memory), starts it again on the same data directory and port (so every process attached to it
 * reconnects by itself), with backoff from {@link #FIRST_BACKOFF} doubling to {@link #MAX_BACKOFF}
 * while it does not start. Stops it on close.
 */
final class EmbeddedSupervisor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedSupervisor.class);
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /** Starts a server on the directory and port (zonky), for the first start and each restart. */
  @FunctionalInterface
  interface Starter {
    EmbeddedPostgres start(Path directory, int port) throws IOException;
  }

  private final Path directory;
  private final int port;
  private final Starter starter;
  private final Thread thread;
  private EmbeddedPostgres server; // null while adopted (an orphan this process took over)
  private FileLock adoptedLock;
  private volatile long pid;
  private volatile boolean closing;
  private volatile EmbeddedDatabase.Status status;

  private EmbeddedSupervisor(
      Path directory, int port, Starter starter, EmbeddedPostgres server, FileLock adoptedLock) {
    this.directory = directory;
    this.port = port;
    this.starter = starter;
    this.server = server;
    this.adoptedLock = adoptedLock;
    this.pid = postmasterPid(directory);
    this.status = new EmbeddedDatabase.Status("running", port, pid, 0, Instant.now(), null, true);
    this.thread = new Thread(this::superviseUntilClosed, "embedded-postgres-supervisor");
    thread.setDaemon(true);
  }

  /** Supervises a server this process has just started. */
  static EmbeddedSupervisor started(
      Path directory, int port, Starter starter, EmbeddedPostgres server) {
    return new EmbeddedSupervisor(directory, port, starter, server, null).begin();
  }

  /** Supervises an orphaned server whose directory lock this process holds now. */
  static EmbeddedSupervisor adopted(Path directory, int port, Starter starter, FileLock lock) {
    return new EmbeddedSupervisor(directory, port, starter, null, lock).begin();
  }

  private EmbeddedSupervisor begin() {
    thread.start();
    return this;
  }

  /** The last state seen, or restarting when the postmaster died a moment ago. */
  EmbeddedDatabase.Status status() {
    EmbeddedDatabase.Status seen = status;
    boolean alive = ProcessHandle.of(seen.pid()).map(ProcessHandle::isAlive).orElse(false);
    if (seen.up() && !alive)
      return seen.restarting(Instant.now(), "postmaster pid " + seen.pid() + " exited");
    return seen;
  }

  private void superviseUntilClosed() {
    while (!closing) {
      if (!awaitExit()) return;
      Instant died = Instant.now();
      log.warn(
          "Embedded PostgreSQL on {} (port {}, pid {}) stopped unexpectedly; starting it again on"
              + " the same port (zonky's 'Could not stop postmaster' that may follow is expected:"
              + " there is nothing left to stop)",
          directory,
          port,
          pid);
      status = status.restarting(died, "postmaster pid " + pid + " exited");
      releaseServer();
      Duration backoff = FIRST_BACKOFF;
      while (!closing && !restart()) {
        StartupWait.pause(backoff, () -> closing);
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      }
      if (!closing) {
        log.info(
            "Embedded PostgreSQL on {} is running again on port {} (pid {}) after {} s",
            directory,
            port,
            pid,
            Duration.between(died, Instant.now()).toSeconds());
      }
    }
  }

  /** The live postmaster's pid, or -1 when postmaster.pid names none. */
  private static long postmasterPid(Path directory) {
    return PostmasterFiles.recorded(directory).map(PostmasterFiles.Running::pid).orElse(-1L);
  }

  /**
   * Waits until the postmaster exits; false when closing. A postmaster whose pid was not known when
   * it started is looked up again first: only a process seen alive can be seen dying.
   */
  private boolean awaitExit() {
    while (pid <= 0 && !closing) {
      StartupWait.pause(Duration.ofSeconds(1), () -> closing);
      pid = postmasterPid(directory);
    }
    var postmaster = ProcessHandle.of(pid);
    if (postmaster.isPresent()) {
      try {
        postmaster.get().onExit().get();
      } catch (InterruptedException e) {
        return false;
      } catch (ExecutionException e) {
        // the handle could not be watched: treat as exited
      }
    }
    return !closing;
  }

  private boolean restart() {
    try {
      EmbeddedPort.requireFree(port, "the port this data folder's PostgreSQL had");
      EmbeddedPostgres restarted = starter.start(directory, port);
      synchronized (this) {
        if (closing) {
          restarted.close();
          return true;
        }
        server = restarted;
      }
      pid = postmasterPid(directory);
      status = status.runningAgain(pid);
      return true;
    } catch (IOException | RuntimeException e) {
      String problem = RootCause.message(e);
      log.warn("Embedded PostgreSQL on {} did not start again: {}; retrying", directory, problem);
      status = status.withProblem(problem);
      return false;
    }
  }

  /** Lets go of the dead server's handle and lock, so that a new one can take them. */
  private synchronized void releaseServer() {
    if (server != null) {
      try {
        server.close(); // its pg_ctl stop finds nothing to stop; it releases zonky's lock
      } catch (IOException e) {
        log.debug("closing the dead server's handle: {}", e.getMessage());
      }
      server = null;
    }
    PostmasterFiles.release(adoptedLock);
    adoptedLock = null;
  }

  /** Stops supervising, then stops the server (fast shutdown: attached clients are cut). */
  @Override
  public void close() {
    closing = true;
    thread.interrupt();
    try {
      thread.join(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (server != null) {
        try {
          server.close();
        } catch (IOException e) {
          log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
        server = null;
      } else if (adoptedLock != null) {
        PostmasterFiles.fastShutdown(pid, Duration.ofSeconds(30));
        PostmasterFiles.release(adoptedLock);
        adoptedLock = null;
      }
    }
  }
}
