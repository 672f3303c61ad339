package io.ocrbatch.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Which jobs {@code job status} and {@code job list} show; the guide's {@code --status}/{@code
 * --exclude} are aliases.
 */
final class JobFilterOptions {
  @Option(
      names = {"--include-status", "--status"},
      split = ",",
      description = "Only jobs with these statuses (e.g. running,paused).")
  List<String> include = new ArrayList<>();

  @Option(
      names = {"--exclude-status", "--exclude"},
      split = ",",
      description = "Hide these statuses (default: canceled,failed).")
  List<String> exclude;

  @Option(names = "--all", description = "Show every status.")
  boolean all;

  @Option(
      names = "--limit",
      defaultValue = "20",
      description = "At most this many jobs (default: 20).")
  int limit;

  List<String> shown() {
    return all ? List.of() : lower(include);
  }

  List<String> hidden() {
    if (all || (!include.isEmpty() && exclude == null)) return List.of();
    return exclude != null ? lower(exclude) : List.of("canceled", "failed");
  }

  private static List<String> lower(List<String> statuses) {
    return statuses.stream()
        .map(s -> s.strip().toLowerCase(java.util.Locale.ROOT))
        .filter(s -> !s.isEmpty())
        .toList();
  }
}
