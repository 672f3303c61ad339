package io.ocrbatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one executable: {@code bin/ocrbatch <command>}. */
@Command(
    name = "ocrbatch",
    mixinStandardHelpOptions = true,
    scope = CommandLine.ScopeType.INHERIT, // every sub-command answers --help
    version = "ocrbatch 0.1.0",
    description = "Durable OCR batch processing on Temporal, PostgreSQL and Tesseract.",
    subcommands = {
      OcrCommand.class,
      DevCommand.class,
      ServerCommand.class,
      WorkerCommand.class,
      JobCommands.class,
      JobTypeCommands.class,
      SyncCommand.class,
      EvaluateCommand.class,
      io.ocrbatch.cli.samples.MakeSamplesCommand.class,
      CommandLine.HelpCommand.class
    })
public final class OcrbatchCli {

  public static void main(String[] args) {
    logUnderDataFolder(args);
    System.exit(run(args));
  }

  /** The log file goes to {@code <--data>/logs}: tell logback before anything logs. */
  private static void logUnderDataFolder(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--data") && i + 1 < args.length) System.setProperty("OCRBATCH_DATA", args[i + 1]);
      else if (args[i].startsWith("--data=")) System.setProperty("OCRBATCH_DATA", args[i].substring("--data=".length()));
    }
  }

  /** Runs a command and returns its exit code (see {@link ExitCodes}). */
  public static int run(String... args) {
    return new CommandLine(new OcrbatchCli())
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              cmd.getErr().println("error: " + describe(e));
              return ExitCodes.COULD_NOT_RUN;
            })
        .execute(args);
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
