package io.ocrbatch.api.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * s3rver (npm, a Node S3 implementation; installed in {@code s3-test/} by {@code bin/test}) as a
 * child process on a free port: a second S3 implementation, which, unlike S3Mock, stores a request
 * body as it arrives (aws-chunked framing included) and answers only its own credentials.
 */
final class S3rverServer implements AutoCloseable {
  static final Path INSTALL = Path.of("..", "s3-test").toAbsolutePath().normalize();
  static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("S3RVER", "S3RVER"));
  private static final Pattern LISTENING = Pattern.compile("listening on [^:]+:(\\d+)");

  private final Process process;
  final int port;

  S3rverServer(Path directory, String... buckets) throws IOException {
    Path script = INSTALL.resolve("node_modules/s3rver/bin/s3rver.js");
    if (!Files.isRegularFile(script))
      throw new IllegalStateException(
          "s3rver is not installed: cd s3-test && npm ci (bin/test does it); looked for " + script);
    List<String> command =
        new ArrayList<>(
            List.of(
                "node",
                script.toString(),
                "-d",
                directory.toString(),
                "-a",
                "127.0.0.1",
                "-p",
                "0"));
    for (String bucket : buckets) command.addAll(List.of("--configure-bucket", bucket));
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<Integer> listening = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) listening.complete(Integer.parseInt(m.group(1)));
                }
              } catch (IOException ignored) {
                // the process ended
              }
              listening.completeExceptionally(new IllegalStateException("s3rver ended"));
            },
            "s3rver-output");
    reader.setDaemon(true);
    reader.start();
    try {
      port = listening.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      close();
      throw new IllegalStateException("s3rver did not start: " + e.getMessage(), e);
    }
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
