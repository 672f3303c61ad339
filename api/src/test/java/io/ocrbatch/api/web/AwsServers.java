package io.ocrbatch.api.web;

import com.adobe.testing.s3mock.S3MockApplication;
import io.ocrbatch.activities.storage.StorageSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Real S3 and SQS protocol servers in this JVM: Adobe S3Mock and ElasticMQ, on free ports, with
 * clients for the test's own setup and checks.
 */
final class AwsServers implements AutoCloseable {
  static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test-key", "test-secret"));

  // S3Mock keeps its settings in its jar's application.properties; as command-line arguments they
  // win over everything and it reads no other application.properties (our API reads none either).
  private static final String[] S3MOCK_ARGS = {
    "--spring.config.name=s3mock-in-tests",
    "--spring.main.banner-mode=off",
    "--spring.main.log-startup-info=false",
    "--server.port=0",
    "--com.adobe.testing.s3mock.httpPort=0",
    "--com.adobe.testing.s3mock.region=us-east-1",
    "--spring.jmx.enabled=false",
    "--spring.main.lazy-initialization=true",
    "--server.tomcat.max-swallow-size=10MB",
    "--management.endpoints.web.discovery.enabled=false",
    // Spring Security is on the classpath for the API; S3Mock's own server must stay open
    "--spring.autoconfigure.exclude=org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration,"
        + "org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration,"
        + "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration,"
        + "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration",
    "--logging.level.org.springframework.web.servlet.mvc.method.annotation.ExceptionHandlerExceptionResolver=ERROR"
  };

  private final S3MockApplication s3mock;
  private final SQSRestServer sqsServer;
  final int s3Port;
  final int sqsPort;
  final S3Client s3;
  final SqsClient sqs;

  @SuppressWarnings("removal") // getHttpPort: the port is only known once it has started
  AwsServers(Path root, String... buckets) {
    Map<String, Object> properties = new HashMap<>(); // S3Mock removes entries from it
    properties.put(S3MockApplication.PROP_INITIAL_BUCKETS, String.join(",", buckets));
    properties.put(S3MockApplication.PROP_ROOT_DIRECTORY, root.toString());
    properties.put(
        S3MockApplication.PROP_SILENT, false); // true would turn the whole JVM's logging to WARN
    s3mock = S3MockApplication.start(properties, S3MOCK_ARGS);
    s3Port = s3mock.getHttpPort();
    sqsServer =
        SQSRestServerBuilder.withInterface("127.0.0.1")
            .withDynamicPort()
            .withAWSRegion("us-east-1")
            .withAWSAccountId("000000000000")
            .start();
    sqsPort = sqsServer.waitUntilStarted().localAddress().getPort();
    s3 =
        S3Client.builder()
            .endpointOverride(s3Endpoint())
            .forcePathStyle(true)
            .region(Region.US_EAST_1)
            .credentialsProvider(CREDENTIALS)
            .build();
    sqs =
        SqsClient.builder()
            .endpointOverride(sqsEndpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(CREDENTIALS)
            .build();
  }

  URI s3Endpoint() {
    return URI.create("http://127.0.0.1:" + s3Port);
  }

  URI sqsEndpoint() {
    return URI.create("http://127.0.0.1:" + sqsPort);
  }

  /** What ocrbatch is configured with to use these servers (S3 through {@code s3Endpoint}). */
  StorageSettings settings(URI s3Endpoint, String bdrcBucket) {
    return StorageSettings.from(Map.of())
        .withEndpoints(s3Endpoint, sqsEndpoint(), CREDENTIALS)
        .withBdrcBucket(bdrcBucket);
  }

  @Override
  public void close() {
    s3.close();
    sqs.close();
    sqsServer.stopAndWait();
    s3mock.stop();
  }
}
