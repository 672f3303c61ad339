package io.ocrbatch.cli;

import io.ocrbatch.activities.fault.ExitCode;
import io.ocrbatch.api.web.ApiServer;
import io.ocrbatch.worker.metrics.ProcessMetrics;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The HTTP API alone, against a Temporal and a PostgreSQL that run elsewhere; workers run apart.
 */
@Command(
    name = "server",
    description = {
      "Serve the REST API, SSE streams, OpenAPI (/v3/api-docs, /swagger-ui.html), health (/actuator/health), metrics (/actuator/prometheus)",
      "and the web page (/)",
      "against the Temporal at --temporal and the database at --db-url (or the embedded one under --data). OCR runs in `worker` processes.",
      "Environment: OCRBATCH_API_TOKENS (comma-separated bearer tokens; unset = open), OCRBATCH_MAX_UPLOAD_MB (200),",
      "OCRBATCH_MAX_PAGES (2000), OCRBATCH_RETENTION_HOURS (168), OCRBATCH_STREAM_TIMEOUT_SECONDS (600);",
      "S3/SQS: AWS_REGION, OCRBATCH_S3_ENDPOINT, OCRBATCH_SQS_ENDPOINT, OCRBATCH_SQS_QUEUE_URL, OCRBATCH_SQS_ON_GARBAGE,",
      "OCRBATCH_SQS_JOB_TYPE, OCRBATCH_SQS_OUTPUT, OCRBATCH_BDRC_BUCKET (see the README)."
    })
final class ServerCommand implements Callable<Integer> {
  @Mixin ApiOptions api;
  @Mixin StackOptions stack;

  @Mixin WatchOptions watch;

  @Override
  public Integer call() throws Exception {
    var watches = watch.load();
    try (ShutdownSignal signal = new ShutdownSignal();
        Stack parts = new Stack(stack).withMetrics(ProcessMetrics.prometheus())) {
      parts.database();
      parts.lazyClient();
      WatchOptions.start(watches, parts.client(), parts.store()); // workers run them
      try (ApiServer server =
          ApiServer.start(
              parts.jobs(),
              api.settings(stack.dataDir()),
              api.intakeOrNull(stack.dataDir()),
              parts.metrics().orElseThrow())) {
        System.err.printf(
            "ocrbatch server is up: %s (web page), API %s/api, Temporal %s. Ctrl-C stops.%n",
            server.url(), server.url(), stack.temporalTarget());
        signal.await();
      }
    }
    System.err.println("ocrbatch server stopped.");
    return ExitCode.OK.code();
  }
}
