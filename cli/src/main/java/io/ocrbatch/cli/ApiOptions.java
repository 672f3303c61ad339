package io.ocrbatch.cli;

import io.ocrbatch.api.intake.IntakeSettings;
import io.ocrbatch.api.web.ApiSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the HTTP API listens; limits and tokens come from the OCRBATCH_* environment (see README).
 */
public class ApiOptions {
  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "HTTP port of the API and web page (default: 8080; 0 = any free port).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description =
          "Address to listen on (default: 127.0.0.1, this machine only; 0.0.0.0 = all interfaces, then set OCRBATCH_API_TOKENS).")
  String bind;

  @Option(
      names = "--sqs-queue-url",
      description =
          "Long-poll this SQS queue for work (default: $OCRBATCH_SQS_QUEUE_URL; unset = no intake).")
  String sqsQueueUrl;

  ApiSettings settings(Path dataDir) {
    return ApiSettings.fromEnvironment(port, dataDir, System.getenv()).withBindAddress(bind);
  }

  /**
   * The SQS intake, or null when no queue is configured; results default to the API's results
   * folder.
   */
  IntakeSettings intakeOrNull(Path dataDir) {
    return IntakeSettings.fromEnvironment(
            System.getenv(), sqsQueueUrl, settings(dataDir).resultsDir().toString())
        .orElse(null);
  }
}
