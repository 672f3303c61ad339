package io.ocrbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command and sub-command answers {@code --help} with its usage, exit 0. */
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
