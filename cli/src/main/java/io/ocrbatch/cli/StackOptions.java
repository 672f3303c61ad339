package io.ocrbatch.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the status database and Temporal are; shared by every command that needs them. */
public class StackOptions {
  @Option(
      names = "--data",
      description =
          "Data folder of the embedded PostgreSQL and logs (default: $OCRBATCH_DATA or ./data).")
  Path data;

  @Option(
      names = "--db-url",
      description =
          "External PostgreSQL JDBC URL (default: $OCRBATCH_DB_URL; else the embedded one under --data).")
  String dbUrl;

  @Option(
      names = "--db-port",
      description =
          "Port of the embedded PostgreSQL when this command starts it (default: $OCRBATCH_DB_PORT, else the"
              + " port recorded in <data>/pg.port, else 54329).")
  Integer dbPort;

  @Option(
      names = "--temporal",
      description =
          "Temporal frontend host:port (default: $OCRBATCH_TEMPORAL_TARGET or 127.0.0.1:7233).")
  String temporal;

  @Option(
      names = "--namespace",
      description = "Temporal namespace (default: $OCRBATCH_TEMPORAL_NAMESPACE or default).")
  String namespace;

  /**
   * Whether the data folder was named (--data or $OCRBATCH_DATA) rather than defaulted to ./data.
   */
  boolean dataFolderNamed() {
    return data != null || !env("OCRBATCH_DATA", "").isEmpty();
  }

  Path dataDir() {
    return data != null ? data : Path.of(env("OCRBATCH_DATA", "data"));
  }

  String dbUrlOrNull() {
    return dbUrl != null ? dbUrl : System.getenv("OCRBATCH_DB_URL");
  }

  /** The embedded PostgreSQL's port when given, else null (the data folder's own). */
  Integer dbPortOrNull() {
    if (dbPort != null) return dbPort;
    String value = System.getenv("OCRBATCH_DB_PORT");
    if (value == null || value.isBlank()) return null;
    try {
      return Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("OCRBATCH_DB_PORT must be a port number, got: " + value);
    }
  }

  String temporalTarget() {
    return temporal != null ? temporal : env("OCRBATCH_TEMPORAL_TARGET", "127.0.0.1:7233");
  }

  String temporalNamespace() {
    return namespace != null ? namespace : env("OCRBATCH_TEMPORAL_NAMESPACE", "default");
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
