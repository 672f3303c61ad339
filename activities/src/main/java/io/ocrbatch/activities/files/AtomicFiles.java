package io.ocrbatch.activities.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a file so that readers see either nothing or all of it, never a torn file. */
public final class AtomicFiles {
  private AtomicFiles() {}

  public static void write(Path target, byte[] content) throws IOException {
    Files.createDirectories(target.getParent());
    Path temp = tempBeside(target);
    try {
      Files.write(temp, content);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Writes several files so that none appears before all are written: each goes to a temporary name
   * beside its target, then all are renamed in order (the last one last). A failure while writing
   * (a full disk) leaves no file behind, neither a temporary nor a target.
   */
  public static void writeTogether(Map<Path, byte[]> files) throws IOException {
    Map<Path, Path> temps = new LinkedHashMap<>();
    try {
      for (Map.Entry<Path, byte[]> file : files.entrySet()) {
        Path target = file.getKey();
        Files.createDirectories(target.getParent());
        Path temp = tempBeside(target);
        temps.put(temp, target);
        Files.write(temp, file.getValue());
      }
      List<Path> renamed = new ArrayList<>();
      for (Map.Entry<Path, Path> move : temps.entrySet()) {
        Files.move(
            move.getKey(),
            move.getValue(),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
        renamed.add(move.getKey());
      }
      renamed.forEach(temps::remove);
    } finally {
      for (Path temp : temps.keySet()) Files.deleteIfExists(temp);
    }
  }

  /** Copies {@code source} to {@code target} the same way. */
  public static void copy(Path source, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Path temp = tempBeside(target);
    try {
      Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static Path tempBeside(Path target) {
    return target.resolveSibling(
        "."
            + target.getFileName()
            + ".tmp-"
            + ProcessHandle.current().pid()
            + "-"
            + Thread.currentThread().getId());
  }
}
