package io.ocrbatch.api.web;

import io.ocrbatch.api.access.HttpRoots;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How the HTTP API runs. Defaults suit one machine; each can be set by the environment ({@code
 * OCRBATCH_API_TOKENS} comma-separated, {@code OCRBATCH_MAX_UPLOAD_MB}, {@code OCRBATCH_MAX_PAGES},
 * {@code OCRBATCH_RETENTION_HOURS}, {@code OCRBATCH_STREAM_TIMEOUT_SECONDS}).
 *
 * @param port 0 picks a free port
 * @param dataDir uploads and their results live under {@code dataDir/uploads}
 * @param tokens bearer tokens accepted on /api and /ocr; empty = no authentication
 * @param retention how long an upload's results are kept after its job ends
 * @param streamTimeout how long {@code /ocr/stream} follows a job before sending {@code timeout}
 * @param pollInterval how often event streams look at the database
 * @param roots the folders and S3 prefixes HTTP clients may name as inputs and outputs
 */
public record ApiSettings(
    int port,
    String bindAddress,
    Path dataDir,
    List<String> tokens,
    long maxUploadBytes,
    int maxPages,
    Duration retention,
    Duration streamTimeout,
    Duration pollInterval,
    Duration cleanupInterval,
    HttpRoots roots) {

  public static ApiSettings defaults(int port, Path dataDir) {
    return new ApiSettings(
        port,
        "127.0.0.1",
        dataDir.toAbsolutePath().normalize(),
        List.of(),
        200L * 1024 * 1024,
        2000,
        Duration.ofDays(7),
        Duration.ofMinutes(10),
        Duration.ofMillis(500),
        Duration.ofHours(1),
        HttpRoots.defaults(Path.of("").toAbsolutePath(), dataDir.toAbsolutePath().normalize()));
  }

  /** The defaults, overridden by whatever of the {@code OCRBATCH_*} variables is set. */
  public static ApiSettings fromEnvironment(int port, Path dataDir, Map<String, String> env) {
    ApiSettings s = defaults(port, dataDir);
    s = s.withRoots(HttpRoots.fromEnvironment(env, Path.of("").toAbsolutePath(), s.dataDir()));
    String tokens = env.get("OCRBATCH_API_TOKENS");
    if (tokens != null)
      s =
          s.withTokens(
              Arrays.stream(tokens.split(","))
                  .map(String::strip)
                  .filter(t -> !t.isEmpty())
                  .toList());
    if (env.containsKey("OCRBATCH_MAX_UPLOAD_MB"))
      s = s.withMaxUploadBytes(number(env, "OCRBATCH_MAX_UPLOAD_MB") * 1024 * 1024);
    if (env.containsKey("OCRBATCH_MAX_PAGES"))
      s = s.withMaxPages((int) number(env, "OCRBATCH_MAX_PAGES"));
    if (env.containsKey("OCRBATCH_RETENTION_HOURS"))
      s = s.withRetention(Duration.ofHours(number(env, "OCRBATCH_RETENTION_HOURS")));
    if (env.containsKey("OCRBATCH_STREAM_TIMEOUT_SECONDS")) {
      s = s.withStreamTimeout(Duration.ofSeconds(number(env, "OCRBATCH_STREAM_TIMEOUT_SECONDS")));
    }
    return s;
  }

  private static long number(Map<String, String> env, String name) {
    try {
      long value = Long.parseLong(env.get(name).strip());
      if (value < 0) throw new NumberFormatException();
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + "='" + env.get(name) + "' is not a whole number >= 0");
    }
  }

  public Path uploadsDir() {
    return dataDir.resolve("uploads");
  }

  public Path resultsDir() {
    return dataDir.resolve("results");
  }

  public boolean authRequired() {
    return !tokens.isEmpty();
  }

  public ApiSettings withTokens(List<String> t) {
    return new ApiSettings(
        port,
        bindAddress,
        dataDir,
        List.copyOf(t),
        maxUploadBytes,
        maxPages,
        retention,
        streamTimeout,
        pollInterval,
        cleanupInterval,
        roots);
  }

  public ApiSettings withMaxUploadBytes(long b) {
    return new ApiSettings(
        port,
        bindAddress,
        dataDir,
        tokens,
        b,
        maxPages,
        retention,
        streamTimeout,
        pollInterval,
        cleanupInterval,
        roots);
  }

  public ApiSettings withMaxPages(int p) {
    return new ApiSettings(
        port,
        bindAddress,
        dataDir,
        tokens,
        maxUploadBytes,
        p,
        retention,
        streamTimeout,
        pollInterval,
        cleanupInterval,
        roots);
  }

  public ApiSettings withRetention(Duration r) {
    return new ApiSettings(
        port,
        bindAddress,
        dataDir,
        tokens,
        maxUploadBytes,
        maxPages,
        r,
        streamTimeout,
        pollInterval,
        cleanupInterval,
        roots);
  }

  public ApiSettings withStreamTimeout(Duration t) {
    return new ApiSettings(
        port,
        bindAddress,
        dataDir,
        tokens,
        maxUploadBytes,
        maxPages,
        retention,
        t,
        pollInterval,
        cleanupInterval,
        roots);
  }

  public ApiSettings withCleanupInterval(Duration c) {
    return new ApiSettings(
        port,
        bindAddress,
        dataDir,
        tokens,
        maxUploadBytes,
        maxPages,
        retention,
        streamTimeout,
        pollInterval,
        c,
        roots);
  }

  public ApiSettings withRoots(HttpRoots r) {
    return new ApiSettings(
        port,
        bindAddress,
        dataDir,
        tokens,
        maxUploadBytes,
        maxPages,
        retention,
        streamTimeout,
        pollInterval,
        cleanupInterval,
        r);
  }

  /** Whether the API listens beyond this machine (any address other than loopback). */
  public boolean reachableFromOtherHosts() {
    try {
      return !java.net.InetAddress.getByName(bindAddress).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return true;
    }
  }

  public ApiSettings withBindAddress(String a) {
    return new ApiSettings(
        port,
        a,
        dataDir,
        tokens,
        maxUploadBytes,
        maxPages,
        retention,
        streamTimeout,
        pollInterval,
        cleanupInterval,
        roots);
  }
}
