package io.ocrbatch.activities.testing;

import io.ocrbatch.activities.statusdb.EmbeddedDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An embedded PostgreSQL left running by a process that is gone, as {@code kill -9} of a {@code
 * dev} leaves it: a JVM of its own starts the database of a data folder, then is killed.
 */
public final class OrphanedDatabase {
  private OrphanedDatabase() {}

  /** Makes the orphan; returns its postmaster's pid. */
  public static long leaveRunning(Path dataDir) throws IOException, InterruptedException {
    Process owner =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    OrphanedDatabase.class.getName(),
                    dataDir.toAbsolutePath().toString()))
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("ready")) break;
      }
    }
    owner.destroyForcibly(); // SIGKILL: the database stays, nobody holds its lock any more
    owner.waitFor(30, TimeUnit.SECONDS);
    return postmasterPid(dataDir);
  }

  public static long postmasterPid(Path dataDir) throws IOException {
    return Long.parseLong(
        Files.readAllLines(dataDir.toAbsolutePath().resolve("pg/postmaster.pid")).get(0).trim());
  }

  /** The owner: starts the data folder's database, says so, and waits to be killed. */
  public static void main(String[] args) throws Exception {
    EmbeddedDatabase.startOrAttach(Path.of(args[0]));
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
