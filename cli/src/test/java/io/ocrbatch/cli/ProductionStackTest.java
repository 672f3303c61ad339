package io.ocrbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.MountableFile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The production path, where a Docker engine exists (skipped, never passed, without one): a real
 * Temporal cluster (temporalio/auto-setup on PostgreSQL, the compose stack's image and search
 * attributes), PostgreSQL for the status store, MinIO for S3, and a job OCRed end to end by two
 * worker JVMs reading and writing S3. Run it before a release on a machine with Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class ProductionStackTest {
  // the compose stack's tags (infra/temporal-docker/docker-compose.yml)
  private static final String POSTGRES = "postgres:16.9";
  private static final String TEMPORAL = "temporalio/auto-setup:1.28.0";
  private static final String MINIO = "minio/minio:RELEASE.2025-04-22T22-12-26Z";
  private static final String MINIO_USER = "ocrbatch";
  private static final String MINIO_PASSWORD = "ocrbatch-secret";

  static final Network network = Network.newNetwork();

  @Container
  static final GenericContainer<?> postgres =
      new GenericContainer<>(POSTGRES)
          .withNetwork(network)
          .withNetworkAliases("postgres")
          .withEnv("POSTGRES_USER", "temporal")
          .withEnv("POSTGRES_PASSWORD", "temporal")
          .withExposedPorts(5432)
          .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 2));

  @Container
  static final GenericContainer<?> temporal =
      new GenericContainer<>(TEMPORAL)
          .dependsOn(postgres)
          .withNetwork(network)
          .withNetworkAliases("temporal")
          .withEnv("DB", "postgres12")
          .withEnv("DB_PORT", "5432")
          .withEnv("POSTGRES_USER", "temporal")
          .withEnv("POSTGRES_PWD", "temporal")
          .withEnv("POSTGRES_SEEDS", "postgres")
          .withEnv("DEFAULT_NAMESPACE", "default")
          .withCopyFileToContainer(
              MountableFile.forHostPath(
                  Path.of(
                          "..",
                          "infra",
                          "temporal-docker",
                          "temporal",
                          "register-search-attributes.sh")
                      .toAbsolutePath()
                      .normalize()),
              "/register-search-attributes.sh")
          .withExposedPorts(7233)
          .waitingFor(Wait.forListeningPort().withStartupTimeout(Duration.ofMinutes(3)));

  @Container
  static final GenericContainer<?> minio =
      new GenericContainer<>(MINIO)
          .withNetwork(network)
          .withCommand("server", "/data")
          .withEnv("MINIO_ROOT_USER", MINIO_USER)
          .withEnv("MINIO_ROOT_PASSWORD", MINIO_PASSWORD)
          .withExposedPorts(9000)
          .waitingFor(Wait.forHttp("/minio/health/ready").forPort(9000));

  @TempDir Path dir;

  @Test
  void aJobRunsEndToEndAcrossTwoWorkerJvmsOnARealTemporalCluster() throws Exception {
    awaitTemporalAndRegisterSearchAttributes();
    String statusDb = createStatusDatabase();
    String temporalTarget = temporal.getHost() + ":" + temporal.getMappedPort(7233);
    String s3 = "http://" + minio.getHost() + ":" + minio.getMappedPort(9000);
    Map<String, String> env =
        Map.of(
            "OCRBATCH_S3_ENDPOINT", s3,
            "AWS_REGION", "us-east-1",
            "AWS_ACCESS_KEY_ID", MINIO_USER,
            "AWS_SECRET_ACCESS_KEY", MINIO_PASSWORD);

    try (S3Client client = s3Client(s3)) {
      client.createBucket(b -> b.bucket("scans"));
      client.createBucket(b -> b.bucket("results"));
      for (int v = 1; v <= 4; v++) {
        Path volume = dir.resolve("scans/vol-" + v);
        CliTestSupport.englishVolume(volume, 3, v * 20);
        try (var pages = Files.list(volume)) {
          for (Path page : pages.filter(p -> p.toString().endsWith(".png")).toList()) {
            client.putObject(
                b ->
                    b.bucket("scans")
                        .key("batch/" + volume.getFileName() + "/" + page.getFileName()),
                RequestBody.fromFile(page));
          }
        }
      }

      String[] stack = {"--temporal", temporalTarget, "--db-url", statusDb};
      try (CliProcess first = worker(env, "worker-a", stack);
          CliProcess second = worker(env, "worker-b", stack)) {
        first.awaitOutput("Worker worker-a polling", Duration.ofMinutes(2));
        second.awaitOutput("Worker worker-b polling", Duration.ofMinutes(2));

        CliProcess.Finished created =
            CliProcess.runToEnd(
                dir,
                env,
                Duration.ofMinutes(2),
                concat(
                    new String[] {
                      "job",
                      "create",
                      "--type-id",
                      "tesseract-eng",
                      "--job-key",
                      "prod-1",
                      "--folder",
                      "s3://scans/batch/",
                      "--out",
                      "s3://results/ocr",
                      "--concurrency",
                      "4"
                    },
                    stack));
        assertThat(created.exitCode()).as(created.output()).isZero();

        ServiceModeTest.waitFor(() -> "completed".equals(jobStatus(statusDb, "prod-1")));
        Set<String> workers = new HashSet<>();
        int pages = 0;
        try (Connection c = DriverManager.getConnection(statusDb);
            ResultSet rows =
                c.createStatement()
                    .executeQuery("SELECT worker FROM page_metrics WHERE status = 'ok'")) {
          while (rows.next()) {
            workers.add(rows.getString(1));
            pages++;
          }
        }
        assertThat(pages).isEqualTo(12);
        assertThat(workers)
            .as("pages OCRed by both worker JVMs")
            .containsExactlyInAnyOrder("worker-a", "worker-b");
        List<String> results =
            client.listObjectsV2(b -> b.bucket("results").prefix("ocr/")).contents().stream()
                .map(o -> o.key())
                .toList();
        assertThat(results.stream().filter(k -> k.endsWith(".txt"))).hasSize(12);
        assertThat(results.stream().filter(k -> k.endsWith("/success.json"))).hasSize(4);
      }
    }
  }

  private CliProcess worker(Map<String, String> env, String name, String[] stack) throws Exception {
    return CliProcess.start(
        dir,
        env,
        concat(
            new String[] {
              "worker", "--name", name, "--threads", "1", "--data", dir.resolve(name).toString()
            },
            stack));
  }

  /**
   * Temporal answers once its schema is set up; then the compose stack's script registers
   * ocrbatch's search attributes.
   */
  private static void awaitTemporalAndRegisterSearchAttributes() throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (true) {
      var health =
          temporal.execInContainer(
              "temporal", "operator", "cluster", "health", "--address", "temporal:7233");
      if (health.getExitCode() == 0) break;
      if (System.nanoTime() > deadline)
        throw new AssertionError("Temporal did not become healthy: " + health.getStderr());
      Thread.sleep(1_000);
    }
    var registered =
        temporal.execInContainer(
            "env",
            "TEMPORAL_ADDRESS=temporal:7233",
            "TEMPORAL_NAMESPACE=default",
            "sh",
            "/register-search-attributes.sh");
    assertThat(registered.getExitCode())
        .as(registered.getStdout() + registered.getStderr())
        .isZero();
  }

  private static String createStatusDatabase() throws Exception {
    String admin =
        "jdbc:postgresql://"
            + postgres.getHost()
            + ":"
            + postgres.getMappedPort(5432)
            + "/postgres?user=temporal&password=temporal";
    try (Connection c = DriverManager.getConnection(admin)) {
      c.createStatement().execute("CREATE DATABASE ocrbatch");
    }
    return admin.replace("/postgres?", "/ocrbatch?");
  }

  private static String jobStatus(String url, String key) {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement s = c.prepareStatement("SELECT status FROM jobs WHERE job_key = ?")) {
      s.setString(1, key);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    } catch (java.sql.SQLException e) {
      return null;
    }
  }

  private static S3Client s3Client(String endpoint) {
    return S3Client.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(MINIO_USER, MINIO_PASSWORD)))
        .build();
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
