package io.ocrbatch.cli;

import io.ocrbatch.activities.fault.ExitCode;
import io.ocrbatch.api.ApiJson;
import io.ocrbatch.api.JobView;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code job status}: one block per job (status, type, times, progress, counts, throughput, ETA,
 * recent errors).
 */
@Command(
    name = "status",
    description = "Show jobs: status, progress, throughput, ETA and recent errors.")
final class JobStatusCommand implements Callable<Integer> {
  @Option(names = "--job-id", description = "One job by id.")
  Long jobId;

  @Option(names = "--job-key", description = "One job by key.")
  String jobKey;

  @Mixin JobFilterOptions filter;

  @Option(
      names = "--json",
      description = "Print the jobs as a JSON array, as GET /api/jobs does (for scripts).")
  boolean json;

  @Mixin ClientOptions client;

  @Override
  public Integer call() throws Exception {
    List<JobView> views;
    try (JobsClient jobs = client.jobsClient()) {
      views =
          jobId != null || jobKey != null
              ? List.of(jobs.job(jobId, jobKey))
              : jobs.list(filter.shown(), filter.hidden(), filter.limit);
    }
    if (json) {
      System.out.println(ApiJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(views));
      return ExitCode.OK.code();
    }
    if (views.isEmpty()) System.out.println("No jobs.");
    System.out.print(String.join("\n", views.stream().map(JobStatusFormat::format).toList()));
    return ExitCode.OK.code();
  }
}
