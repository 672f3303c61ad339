package io.ocrbatch.cli;

import io.ocrbatch.activities.registry.PipelineRegistry;
import io.ocrbatch.cli.pipeline.LocalPipeline;
import io.ocrbatch.cli.pipeline.PipelineClient;
import io.ocrbatch.cli.pipeline.RemotePipeline;
import picocli.CommandLine.Option;

/**
 * A client command's way to the jobs: the REST API of a running {@code server}/{@code dev} when
 * {@code --server} (or $OCRBATCH_SERVER) is given, and nothing else then; otherwise the status
 * database and Temporal directly.
 */
public class ClientOptions extends StackOptions {
  @Option(
      names = "--server",
      description =
          "Go through the REST API of a running server/dev at this URL, and nothing else (default: $OCRBATCH_SERVER; else the database and Temporal directly).")
  String server;

  @Option(
      names = "--token",
      description = "Bearer token for --server (default: $OCRBATCH_API_TOKEN).")
  String token;

  /** Over the API when a server is named, else directly (never creating ./data unasked). */
  JobsClient jobsClient() {
    String url = serverUrl();
    if (url == null) return new LocalJobs(Stack.forClient(this));
    return new RemoteJobs(url, token());
  }

  /** The pipeline registry, over the API or directly, as {@link #jobsClient()}. */
  PipelineClient pipelineClient() {
    String url = serverUrl();
    if (url == null) {
      Stack parts = Stack.forClient(this);
      return new LocalPipeline(new PipelineRegistry(parts.store().jdbc(), parts.storage()), parts);
    }
    return new RemotePipeline(new RemoteJobs(url, token())::call);
  }

  private String serverUrl() {
    String url = server != null ? server : System.getenv("OCRBATCH_SERVER");
    return url == null || url.isBlank() ? null : url;
  }

  private String token() {
    return token != null ? token : System.getenv("OCRBATCH_API_TOKEN");
  }
}
