package io.ocrbatch.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@code ocrbatch} as a separate JVM (the test class path), for crash and multi-process tests. */
final class CliProcess implements AutoCloseable {
  final Process process;
  final List<String> output = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private CliProcess(Process process) {
    this.process = process;
    reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) output.add(line);
              } catch (IOException ignored) {
                // the process ended
              }
            });
    reader.setDaemon(true);
    reader.start();
  }

  static CliProcess start(Path workDir, String... args) throws IOException {
    return start(workDir, java.util.Map.of(), args);
  }

  /** The same with extra environment variables (S3 endpoints, credentials). */
  static CliProcess start(Path workDir, java.util.Map<String, String> env, String... args)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                OcrbatchCli.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    builder.environment().put("OMP_THREAD_LIMIT", "1");
    builder.environment().putAll(env);
    builder
        .environment()
        .put(
            "OCRBATCH_LOG", workDir.resolve(args[0] + "-" + System.nanoTime() + ".log").toString());
    return new CliProcess(builder.start());
  }

  /**
   * A command run to its end in its own JVM in {@code workDir}: its exit code and output (stdout
   * and stderr).
   */
  record Finished(int exitCode, String output) {}

  static Finished runToEnd(Path workDir, Duration timeout, String... args)
      throws IOException, InterruptedException {
    return runToEnd(workDir, java.util.Map.of(), timeout, args);
  }

  static Finished runToEnd(
      Path workDir, java.util.Map<String, String> env, Duration timeout, String... args)
      throws IOException, InterruptedException {
    try (CliProcess cli = start(workDir, env, args)) {
      if (!cli.process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        throw new AssertionError(
            "did not end within " + timeout + ":\n" + String.join("\n", cli.output));
      }
      cli.reader.join(5_000);
      return new Finished(cli.process.exitValue(), String.join("\n", cli.output));
    }
  }

  void awaitOutput(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (output.stream().noneMatch(l -> l.contains(text))) {
      if (!process.isAlive())
        throw new AssertionError(
            "process ended ("
                + process.exitValue()
                + ") before printing '"
                + text
                + "':\n"
                + String.join("\n", output));
      if (System.nanoTime() > deadline)
        throw new AssertionError(
            "no '" + text + "' within " + timeout + ":\n" + String.join("\n", output));
      Thread.sleep(50);
    }
  }

  /** SIGTERM, then waits for a graceful exit. */
  int stop(Duration timeout) throws InterruptedException {
    process
        .toHandle()
        .destroy(); // SIGTERM; Process.destroy() would also close our end of its output
    if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          "did not stop within " + timeout + " after SIGTERM:\n" + String.join("\n", output));
    }
    reader.join(5_000); // drain what it printed last
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
