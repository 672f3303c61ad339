package io.ocrbatch.cli;

import io.ocrbatch.activities.fault.ExitCode;
import io.ocrbatch.activities.fault.Fault;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one executable: {@code bin/ocrbatch <command>}. */
@Command(
    name = "ocrbatch",
    mixinStandardHelpOptions = true,
    scope = CommandLine.ScopeType.INHERIT, // every sub-command answers --help
    versionProvider = VersionInfo.class,
    description = "Durable OCR batch processing on Temporal, PostgreSQL and Tesseract.",
    subcommands = {
      OcrCommand.class,
      DevCommand.class,
      ServerCommand.class,
      WorkerCommand.class,
      JobCommands.class,
      JobTypeCommands.class,
      QueueCommands.class,
      FilesCommands.class,
      WatchCommand.class,
      IngestCommand.class,
      SyncCommand.class,
      PipelineCommands.class,
      EvaluateCommand.class,
      io.ocrbatch.cli.samples.MakeSamplesCommand.class,
      CommandLine.HelpCommand.class
    })
public final class OcrbatchCli {

  public static void main(String[] args) {
    logUnderDataFolder(args);
    System.exit(run(args));
  }

  /** Commands that own a data folder (database, uploads, logs) and may create it. */
  private static final java.util.Set<String> SERVICES =
      java.util.Set.of("ocr", "dev", "server", "worker");

  /**
   * The log file goes to {@code <--data>/logs}: tell logback before anything logs. Other commands
   * log there only when that folder exists, else to the temporary folder: no command creates ./data
   * unasked.
   */
  private static void logUnderDataFolder(String[] args) {
    String data = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--data") && i + 1 < args.length) data = args[i + 1];
      else if (args[i].startsWith("--data=")) data = args[i].substring("--data=".length());
    }
    if (data != null) System.setProperty("OCRBATCH_DATA", data);
    if (System.getenv("OCRBATCH_LOG") != null || System.getProperty("OCRBATCH_LOG") != null) return;
    String folder = data != null ? data : System.getenv().getOrDefault("OCRBATCH_DATA", "data");
    boolean service = args.length > 0 && SERVICES.contains(args[0]);
    if (!service && !java.nio.file.Files.isDirectory(java.nio.file.Path.of(folder))) {
      System.setProperty(
          "OCRBATCH_LOG",
          java.nio.file.Path.of(
                  System.getProperty("java.io.tmpdir"),
                  "ocrbatch-client-" + System.getProperty("user.name") + ".log")
              .toString());
    }
  }

  /** Runs a command and returns its exit code (see {@link ExitCode}). */
  public static int run(String... args) {
    return new CommandLine(new OcrbatchCli())
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              cmd.getErr().println("error: " + describe(e));
              return exitCode(e).code();
            })
        .execute(args);
  }

  /**
   * The one place a failure becomes an exit code: the code its type carries ({@link Fault}, the
   * nearest in its causes), 130 for an interrupt, else 1 (the job could not run).
   */
  static ExitCode exitCode(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof Fault fault) return fault.exitCode();
      if (t instanceof InterruptedException) return ExitCode.INTERRUPTED;
    }
    return ExitCode.COULD_NOT_RUN;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
      message += " (" + root.getMessage() + ")";
    }
    return message;
  }
}
