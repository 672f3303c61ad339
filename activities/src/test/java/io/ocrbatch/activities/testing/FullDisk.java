package io.ocrbatch.activities.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * An output folder that refuses writes until {@link #free()}: a tmpfs of 1 MiB filled with a
 * ballast file (real "No space left on device") where this process may mount one (root), else a
 * folder made read-only ("Permission denied", which root would ignore). Where neither works (root
 * without the right to mount, in some containers) the test is skipped.
 */
public final class FullDisk implements AutoCloseable {
  private final Path mount;
  private final Path folder;
  private final boolean tmpfs;

  private FullDisk(Path mount, Path folder, boolean tmpfs) {
    this.mount = mount;
    this.folder = folder;
    this.tmpfs = tmpfs;
  }

  /** A full (or unwritable) disk at {@code where} (made; it must not exist), its folder inside. */
  public static FullDisk at(Path where) throws IOException, InterruptedException {
    Files.createDirectories(where);
    Path folder = where.resolve("out");
    if ("root".equals(System.getProperty("user.name"))) {
      Assumptions.assumeTrue(
          run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", where.toString()),
          "this root process cannot mount a tmpfs to fill");
      Files.createDirectories(folder);
      try (OutputStream ballast = Files.newOutputStream(where.resolve("ballast"))) {
        byte[] block = new byte[64 * 1024];
        while (true) ballast.write(block);
      } catch (IOException full) {
        // the disk is full
      }
      return new FullDisk(where, folder, true);
    }
    Files.createDirectories(folder);
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
    return new FullDisk(where, folder, false);
  }

  /** The folder to write results to. */
  public Path folder() {
    return folder;
  }

  /** What the operating system says when a write is refused. */
  public String refusal() {
    return tmpfs ? "No space left on device" : "Permission denied";
  }

  /** Makes room: writes go through from now on. */
  public void free() throws IOException {
    if (tmpfs) Files.deleteIfExists(mount.resolve("ballast"));
    else Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Override
  public void close() throws IOException, InterruptedException {
    free();
    if (tmpfs) run("umount", "-l", mount.toString());
  }

  private static boolean run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().transferTo(OutputStream.nullOutputStream());
    return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
  }
}
