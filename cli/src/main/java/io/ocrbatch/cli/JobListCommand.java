package io.ocrbatch.cli;

import io.ocrbatch.activities.fault.ExitCode;
import io.ocrbatch.api.ApiJson;
import io.ocrbatch.api.JobView;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code job list}: one line per job, newest first. */
@Command(
    name = "list",
    description = "List jobs, one line each, newest first (--status/--exclude filter by status).")
final class JobListCommand implements Callable<Integer> {
  @Mixin JobFilterOptions filter;

  @Option(names = "--json", description = "Print the jobs as a JSON array, as GET /api/jobs does.")
  boolean json;

  @Mixin ClientOptions client;

  @Override
  public Integer call() throws Exception {
    List<JobView> views;
    try (JobsClient jobs = client.jobsClient()) {
      views = jobs.list(filter.shown(), filter.hidden(), filter.limit);
    }
    if (json) {
      System.out.println(ApiJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(views));
      return ExitCode.OK.code();
    }
    if (views.isEmpty()) {
      System.out.println("No jobs.");
      return ExitCode.OK.code();
    }
    String row = "%-5s %-28s %-23s %-22s %-14s %-25s%n";
    System.out.printf(row, "ID", "Key", "Status", "Type", "Tasks done", "Created");
    for (JobView v : views) {
      System.out.printf(
          row,
          v.id(),
          v.jobKey(),
          JobStatusFormat.statusWords(v),
          v.jobType(),
          v.tasks().done() + "/" + v.tasks().total(),
          JobStatusFormat.time(v.createdAt()));
    }
    return ExitCode.OK.code();
  }
}
