package io.ocrbatch.cli;

import io.ocrbatch.activities.dropfolder.Durations;
import io.ocrbatch.activities.fault.BadInputException;
import io.ocrbatch.activities.fault.ExitCode;
import io.ocrbatch.activities.statusdb.FileRegistry;
import io.ocrbatch.activities.statusdb.FileRow;
import io.ocrbatch.activities.statusdb.FileStats;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The file registry of drop folders and bulk ingests: statistics, listing and repair. */
@Command(
    name = "files",
    description =
        "The file registry (drop folders, bulk ingest): counts per publisher, listing, repair.",
    subcommands = {
      FilesCommands.Stats.class,
      FilesCommands.ListFiles.class,
      FilesCommands.ResetFailed.class,
      FilesCommands.Cleanup.class
    })
final class FilesCommands {

  static FileRegistry registry(Stack stack) {
    return stack.store().files();
  }

  @Command(name = "stats", description = "Files by status, overall and per publisher.")
  static final class Stats implements Callable<Integer> {
    @Mixin StackOptions stack;

    @Override
    public Integer call() {
      try (Stack parts = Stack.forClient(stack)) {
        print(registry(parts).stats(), System.out);
        return ExitCode.OK.code();
      }
    }

    static void print(FileStats stats, PrintStream out) {
      out.println(line(stats.total()));
      if (stats.publishers().isEmpty()) return;
      int width =
          Math.max(
              9, stats.publishers().stream().mapToInt(p -> p.publisher().length()).max().orElse(0));
      StringBuilder header = new StringBuilder(String.format("%-" + width + "s", "PUBLISHER"));
      FileStats.STATUSES.forEach(s -> header.append(String.format(" %11s", s.toUpperCase())));
      out.println(header);
      for (FileStats.Publisher p : stats.publishers()) {
        StringBuilder row = new StringBuilder(String.format("%-" + width + "s", p.publisher()));
        FileStats.STATUSES.forEach(s -> row.append(String.format(" %11d", p.counts().get(s))));
        out.println(row);
      }
    }

    static String line(Map<String, Long> counts) {
      return counts.entrySet().stream()
          .map(e -> e.getKey() + " " + e.getValue())
          .collect(Collectors.joining(" / "));
    }
  }

  @Command(name = "list", description = "Registered files, newest first.")
  static final class ListFiles implements Callable<Integer> {
    @Mixin StackOptions stack;

    @Option(names = "--publisher", description = "Only this publisher's files.")
    String publisher;

    @Option(
        names = "--status",
        description = "Only files in this status: pending, processing, completed, failed, skipped.")
    String status;

    @Option(
        names = "--limit",
        defaultValue = "100",
        description = "At most this many (default 100).")
    int limit;

    @Override
    public Integer call() {
      checkStatus(status);
      try (Stack parts = Stack.forClient(stack)) {
        System.out.printf(
            "%-8s %-11s %-16s %-40s %10s %s%n",
            "ID", "STATUS", "PUBLISHER", "FILE", "BYTES", "NOTE");
        for (FileRow f : registry(parts).list(publisher, status, limit)) {
          String note =
              f.errorMessage() != null
                  ? f.errorMessage()
                  : f.skipReason() != null
                      ? f.skipReason()
                      : f.outputPath() != null ? f.outputPath() : "";
          System.out.printf(
              "%-8d %-11s %-16s %-40s %10d %s%n",
              f.id(), f.status(), f.publisher(), f.fileName(), f.size(), note);
        }
        return ExitCode.OK.code();
      }
    }
  }

  static void checkStatus(String status) {
    if (status != null && !FileStats.STATUSES.contains(status))
      throw new BadInputException(
          "--status " + status + " is not one of " + String.join(", ", FileStats.STATUSES));
  }

  @Command(
      name = "reset-failed",
      description = "Put failed files back to pending, with a fresh retry budget.")
  static final class ResetFailed implements Callable<Integer> {
    @Mixin StackOptions stack;

    @Option(names = "--publisher", description = "Only this publisher's files.")
    String publisher;

    @Override
    public Integer call() {
      try (Stack parts = Stack.forClient(stack)) {
        int n = registry(parts).resetFailed(publisher);
        System.out.printf("Reset %d failed file(s) to pending%n", n);
        return ExitCode.OK.code();
      }
    }
  }

  @Command(name = "cleanup", description = "Forget completed files older than an age.")
  static final class Cleanup implements Callable<Integer> {
    @Mixin StackOptions stack;

    @Option(
        names = "--completed-older-than",
        required = true,
        description = "Age like 90d, 12h or 30m.")
    String age;

    @Override
    public Integer call() {
      var duration = Durations.parse(age, "--completed-older-than");
      try (Stack parts = Stack.forClient(stack)) {
        int n = registry(parts).cleanupCompleted(duration);
        System.out.printf("Removed %d completed file(s) older than %s%n", n, age);
        return ExitCode.OK.code();
      }
    }
  }
}
