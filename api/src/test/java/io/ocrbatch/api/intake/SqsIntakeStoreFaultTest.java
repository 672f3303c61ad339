package io.ocrbatch.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.statusdb.Database;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.storage.Storage;
import io.ocrbatch.activities.storage.StorageSettings;
import io.ocrbatch.activities.testing.TcpProxy;
import io.ocrbatch.activities.testing.TestDatabases;
import io.ocrbatch.api.JobService;
import io.ocrbatch.api.VolumeResolver;
import io.ocrbatch.api.access.CallbackTargets;
import io.ocrbatch.workflows.RetrySettings;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The status database goes away (a TCP proxy in front of PostgreSQL is cut) while an SQS message is
 * handled: the message is a good one, so it is kept for redelivery, not set aside, and once the
 * database is back it is taken. Messages with defects of their own are set aside at once. ElasticMQ
 * in this JVM is the queue.
 */
class SqsIntakeStoreFaultTest {
  @TempDir Path data;

  @Test
  void aStoreFaultKeepsTheMessageForRedelivery() throws Exception {
    SQSRestServer sqsServer =
        SQSRestServerBuilder.withInterface("127.0.0.1")
            .withDynamicPort()
            .withAWSRegion("us-east-1")
            .withAWSAccountId("000000000000")
            .start();
    int sqsPort = sqsServer.waitUntilStarted().localAddress().getPort();
    StorageSettings storage =
        StorageSettings.from(Map.of())
            .withEndpoints(
                URI.create("http://127.0.0.1:1"),
                URI.create("http://127.0.0.1:" + sqsPort),
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("test-key", "test-secret")))
            .withBdrcBucket("archive");
    TestWorkflowEnvironment temporal =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    try (var db = TestDatabases.fresh();
        TcpProxy proxy = TcpProxy.forJdbcUrl(db.database().url());
        Database viaProxy = Database.connect(proxy.jdbcUrl(db.database().url()), null, null, 4);
        var sqs = SqsClients.create(storage)) {
      String queueUrl =
          sqs.createQueue(
                  b ->
                      b.queueName("intake")
                          .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1")))
              .queueUrl();
      JobService jobs =
          new JobService(
              temporal.getWorkflowClient(),
              StatusStore.over(viaProxy.jdbc()),
              new RetrySettings(3, 3, 200, 30_000),
              Clock.systemUTC(),
              new VolumeResolver(new Storage(storage)),
              CallbackTargets.allowing("127.0.0.1"));
      IntakeSettings settings =
          new IntakeSettings(
              queueUrl, "auto", null, "tesseract-eng", data.resolve("out").toString(), 1, storage);
      try (SqsIntake intake =
          new SqsIntake(SqsClients.create(storage), settings, jobs, jobs.volumes()).start()) {
        // the message's own defects are set aside at once: an unknown job type, ids that name no
        // volume
        sqs.sendMessage(
            b ->
                b.queueUrl(queueUrl)
                    .messageBody(
                        "{\"w_id\": \"W22084\", \"i_id\": \"I0886\", \"job_type\": \"nope\"}"));
        sqs.sendMessage(
            b ->
                b.queueUrl(queueUrl)
                    .messageBody(
                        "{\"job_type\": \"tesseract-eng\", \"volumes\": [\"W22308-XYZ\"]}"));
        await(() -> intake.stats().setAside() == 2, "the defective messages to be set aside");

        proxy.cut();
        sqs.sendMessage(
            b -> b.queueUrl(queueUrl).messageBody("{\"w_id\": \"W22084\", \"i_id\": \"I0886\"}"));
        await(() -> intake.stats().deferred() >= 1, "the message to be deferred");
        assertThat(intake.stats().setAside())
            .as("a store fault is not the message's defect")
            .isEqualTo(2);
        assertThat(intake.stats().accepted()).isZero();

        proxy.restore();
        await(() -> intake.stats().accepted() == 1, "the redelivered message to be taken");
        assertThat(intake.stats().setAside()).isEqualTo(2);
      }
      var job =
          db.database()
              .jdbc()
              .queryLong(
                  "SELECT count(*) FROM tasks t JOIN jobs j ON j.id = t.job_id WHERE j.job_key = 'intake-tesseract-eng'");
      assertThat(job).as("the volume is in the intake job once").isEqualTo(1);
      assertThat(sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(2)).messages())
          .as("the message was deleted once taken")
          .isEmpty();
    } finally {
      temporal.close();
      sqsServer.stopAndWait();
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
      Thread.sleep(100);
    }
  }
}
