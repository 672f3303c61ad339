package io.ocrbatch.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.ocrbatch.activities.storage.S3Credentials;
import io.ocrbatch.activities.storage.Storage;
import io.ocrbatch.activities.storage.StorageAccessException;
import io.ocrbatch.activities.storage.StorageSettings;
import io.ocrbatch.workflows.JobTypeSpec;
import io.ocrbatch.workflows.RetrySettings;
import io.ocrbatch.workflows.VolumeRef;
import io.ocrbatch.workflows.VolumeTask;
import io.temporal.failure.ApplicationFailure;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * S3 set-up problems (no credentials, access denied) fail a volume at once, terminally, with one
 * sentence; and a job naming S3 is refused when no credentials are found. Only 127.0.0.1 is
 * contacted.
 */
class S3SetupFailuresTest {
  static final JobTypeSpec ENG =
      new JobTypeSpec(
          1, "tesseract-eng", "tesseract", "eng", "eng", "unicode", "auto", List.of("txt", "json"));

  @TempDir Path dir;

  /**
   * AWS's chain without the network providers, over empty profile files: what a bare machine finds.
   */
  private AwsCredentialsProvider noCredentials() throws Exception {
    Assumptions.assumeTrue(
        System.getenv("AWS_ACCESS_KEY_ID") == null && System.getProperty("aws.accessKeyId") == null,
        "this machine has AWS credentials in its environment");
    Path empty = Files.writeString(dir.resolve("empty-aws-file"), "");
    ProfileFile profiles =
        ProfileFile.builder().content(empty).type(ProfileFile.Type.CREDENTIALS).build();
    return AwsCredentialsProviderChain.of(
        SystemPropertyCredentialsProvider.create(),
        EnvironmentVariableCredentialsProvider.create(),
        ProfileCredentialsProvider.builder().profileFile(profiles).build());
  }

  private static StorageSettings settings(URI endpoint, AwsCredentialsProvider credentials) {
    return StorageSettings.from(Map.of()).withEndpoints(endpoint, null, credentials);
  }

  private static VolumeTask task(String sourceUri) {
    return new VolumeTask(
        1,
        "J1",
        1,
        new VolumeRef("v", sourceUri),
        ENG,
        "/tmp/out",
        300,
        10,
        RetrySettings.defaults(),
        null);
  }

  @Test
  void aJobNamingTheArchiveIsRefusedAtOnceWithoutCredentials() throws Exception {
    StorageSettings settings = settings(URI.create("http://127.0.0.1:9"), noCredentials());
    assertThatThrownBy(
            () ->
                S3Credentials.requireFor(
                    settings, List.of("bdrc://archive.tbrc.org/W22308/I1KG9611", "/tmp/out")))
        .isInstanceOf(StorageAccessException.class)
        .hasMessageStartingWith("no AWS credentials found for s3://archive.tbrc.org")
        .hasMessageContaining("set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    S3Credentials.requireFor(
        settings, List.of("/tmp/scans/v1", "/tmp/out")); // local only: nothing to check
  }

  @Test
  void aVolumeListedWithoutCredentialsFailsTerminallyWithOneSentence() throws Exception {
    try (Storage storage =
        new Storage(settings(URI.create("http://127.0.0.1:9"), noCredentials()))) {
      VolumeActivitiesImpl activities = new VolumeActivitiesImpl(storage, null);
      assertThatThrownBy(
              () -> activities.listPages(task("bdrc://archive.tbrc.org/W22308/I1KG9611")))
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              f -> {
                assertThat(f.isNonRetryable()).as("not retried for minutes").isTrue();
                assertThat(f.getOriginalMessage())
                    .startsWith("no AWS credentials found for s3://archive.tbrc.org")
                    .hasSizeLessThan(300);
              });
    }
  }

  @Test
  void accessDeniedFailsTheVolumeTerminally() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    HttpServer s3 = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    s3.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          byte[] body =
              ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code>"
                      + "<Message>Access Denied</Message></Error>")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/xml");
          exchange.sendResponseHeaders(403, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    s3.start();
    StorageSettings settings =
        settings(
            URI.create("http://127.0.0.1:" + s3.getAddress().getPort()),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")));
    try (Storage storage = new Storage(settings)) {
      VolumeActivitiesImpl activities = new VolumeActivitiesImpl(storage, null);
      assertThatThrownBy(() -> activities.listPages(task("s3://private-scans/batch-1/")))
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              f -> {
                assertThat(f.isNonRetryable()).isTrue();
                assertThat(f.getOriginalMessage())
                    .startsWith("access denied")
                    .contains("s3://private-scans");
              });
      assertThat(requests.get()).as("a 403 is not retried by the SDK either").isEqualTo(1);
    } finally {
      s3.stop(0);
    }
  }
}
