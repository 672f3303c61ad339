package io.ocrbatch.cli;

import io.ocrbatch.api.web.ApiSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the HTTP API listens; limits and tokens come from the OCRBATCH_* environment (see README). */
public class ApiOptions {
  @Option(names = "--port", defaultValue = "8080", description = "HTTP port of the API and web page (default: 8080; 0 = any free port).")
  int port;

  @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address to listen on (default: 0.0.0.0, all interfaces).")
  String bind;

  ApiSettings settings(Path dataDir) {
    return ApiSettings.fromEnvironment(port, dataDir, System.getenv()).withBindAddress(bind);
  }
}
