package io.ocrbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command and sub-command answers {@code --help} with its usage and {@code --version} with
 * the versions of ocrbatch and its engines, exit 0.
 */
class CommandHelpTest {
  @Test
  void everyCommandAnswersHelp() {
    List<List<String>> paths = new ArrayList<>();
    collect(new CommandLine(new OcrbatchCli()), new ArrayList<>(), paths);
    assertThat(paths)
        .extracting(p -> String.join(" ", p))
        .contains(
            "job create",
            "job status",
            "job list",
            "job cancel",
            "job pause",
            "job resume",
            "job restart",
            "job-types list",
            "job-types create",
            "queue stats",
            "queue requeue-failed",
            "sync");
    for (List<String> path : paths) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      CliTestSupport.Result help = CliTestSupport.run(args.toArray(String[]::new));
      assertThat(help.exitCode()).as(String.join(" ", args)).isZero();
      assertThat(help.stdout())
          .as(String.join(" ", args))
          .startsWith("Usage: ocrbatch " + String.join(" ", path));
    }
  }

  @Test
  void everyCommandAnswersVersion() {
    List<List<String>> paths = new ArrayList<>();
    paths.add(List.of());
    collect(new CommandLine(new OcrbatchCli()), new ArrayList<>(), paths);
    for (List<String> path : paths) {
      List<String> args = new ArrayList<>(path);
      args.add("--version");
      CliTestSupport.Result version = CliTestSupport.run(args.toArray(String[]::new));
      assertThat(version.exitCode()).as(String.join(" ", args)).isZero();
      assertThat(version.stdout())
          .as(String.join(" ", args))
          .containsPattern("(?m)^ocrbatch \\S+$")
          .containsPattern("(?m)^Temporal SDK 1\\.\\d+\\.\\d+")
          .containsPattern("(?m)^Tesseract 5\\.\\d+")
          .containsPattern("(?m)^DJL 0\\.\\d+\\.\\d+");
    }
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
    command
        .getSubcommands()
        .forEach(
            (name, sub) -> {
              if (name.equals("help") || !sub.getCommandName().equals(name)) return; // aliases once
              List<String> subPath = new ArrayList<>(path);
              subPath.add(name);
              into.add(subPath);
              collect(sub, subPath, into);
            });
  }
}
