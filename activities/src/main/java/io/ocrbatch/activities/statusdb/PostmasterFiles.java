package io.ocrbatch.activities.statusdb;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What an embedded PostgreSQL's data directory says about it: the server running on it ({@code
 * postmaster.pid}) and the process that started it (zonky's {@code epg-lock}, held by that process
 * while it lives).
 */
final class PostmasterFiles {
  static final String LOCK = "epg-lock";

  private PostmasterFiles() {}

  /** A live postmaster and the port it accepts connections on. */
  record Running(long pid, int port) {}

  /** Who holds the lock of the process that started the server. */
  enum Owner {
    /** no lock file: not started by ocrbatch; left alone */
    UNKNOWN,
    THIS_PROCESS,
    /** another live process (a {@code dev}, say) */
    OTHER_PROCESS,
    /** the starting process is gone: an orphan, if the server still runs */
    GONE
  }

  /** The live server on {@code directory}: its pid is alive and its port accepts connections. */
  static Optional<Running> running(Path directory) {
    return recorded(directory).filter(r -> accepts(r.port()));
  }

  /**
   * The postmaster {@code postmaster.pid} names, if that process is alive (it may not accept
   * connections yet, or be too busy to answer at once).
   */
  static Optional<Running> recorded(Path directory) {
    Path pidFile = directory.resolve("postmaster.pid");
    try {
      if (!Files.isRegularFile(pidFile)) return Optional.empty();
      List<String> lines = Files.readAllLines(pidFile);
      if (lines.size() < 4) return Optional.empty();
      long pid = Long.parseLong(lines.get(0).trim());
      int port = Integer.parseInt(lines.get(3).trim());
      boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      return alive ? Optional.of(new Running(pid, port)) : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  static Owner owner(Path directory) {
    Path lock = directory.resolve(LOCK);
    if (!Files.isRegularFile(lock)) return Owner.UNKNOWN;
    try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
      FileLock held = channel.tryLock();
      if (held == null) return Owner.OTHER_PROCESS;
      held.release();
      return Owner.GONE;
    } catch (OverlappingFileLockException e) {
      return Owner.THIS_PROCESS;
    } catch (IOException e) {
      return Owner.OTHER_PROCESS; // cannot tell: do not touch it
    }
  }

  /**
   * Takes the lock of an orphaned server's directory, so that this process is its owner from now
   * on; null when another process took it first.
   */
  static FileLock takeLock(Path directory) throws IOException {
    FileChannel channel =
        FileChannel.open(
            directory.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) channel.close();
      return lock;
    } catch (OverlappingFileLockException | IOException e) {
      channel.close();
      return null;
    }
  }

  static void release(FileLock lock) {
    if (lock == null) return;
    try {
      lock.release();
      lock.channel().close();
    } catch (IOException ignored) {
      // the lock goes with the channel or the process
    }
  }

  /**
   * SIGINT: PostgreSQL's fast shutdown (clients are disconnected, then it stops cleanly); waits for
   * it, then kills it (crash recovery runs at the next start).
   */
  static void fastShutdown(long pid, Duration wait) {
    Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
    if (postmaster.isEmpty()) return;
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(pid))
          .inheritIO()
          .start()
          .waitFor(10, TimeUnit.SECONDS);
      postmaster.get().onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      postmaster.get().destroyForcibly();
    }
  }

  static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 3_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
