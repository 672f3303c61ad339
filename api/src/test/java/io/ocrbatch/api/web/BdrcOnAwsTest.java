package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocrbatch.activities.samples.PageRenderer;
import io.ocrbatch.activities.samples.SampleTexts;
import io.ocrbatch.activities.statusdb.Jdbc;
import io.ocrbatch.activities.storage.Storage;
import io.ocrbatch.activities.storage.StorageSettings;
import io.ocrbatch.activities.sync.ResultSync;
import io.ocrbatch.api.intake.IntakeSettings;
import io.ocrbatch.api.intake.SqsClients;
import io.ocrbatch.api.intake.SqsIntake;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * BDRC's production path against real S3 and SQS protocol servers (S3Mock, ElasticMQ): an archive
 * bucket laid out like archive.tbrc.org with a gzipped dimensions.json, SQS messages turned into
 * work, results and success.json in the results bucket, the BDRC-compatible status tables, with
 * every fifth S3 request answered by a throttling or internal error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BdrcOnAwsTest {
  static final String ARCHIVE = "archive-test";
  static final String RESULTS = "ocr-results";
  static final String MIRROR = "ocr-mirror";
  static final String VOLUME_PREFIX = "Works/60/W22084/images/W22084-0886/";

  Path root;
  AwsServers aws;
  FaultProxy proxy;
  ApiHarness api;
  StorageSettings storage;
  String queueUrl;
  String deadLetterUrl;
  String fifoUrl;
  String dimensionsEtag;
  String version;

  @BeforeAll
  void start() throws Exception {
    root = Files.createTempDirectory("bdrc-on-aws");
    aws = new AwsServers(Files.createDirectories(root.resolve("s3")), ARCHIVE, RESULTS, MIRROR);
    proxy = new FaultProxy(aws.s3Endpoint(), 5);
    storage = aws.settings(proxy.endpoint(), ARCHIVE);
    deadLetterUrl = aws.sqs.createQueue(b -> b.queueName("bdrc-dead-letters")).queueUrl();
    String dlqArn =
        aws.sqs
            .getQueueAttributes(
                b -> b.queueUrl(deadLetterUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    queueUrl =
        aws.sqs
            .createQueue(
                b ->
                    b.queueName("bdrc-ocr")
                        .attributes(
                            Map.of(
                                QueueAttributeName.REDRIVE_POLICY,
                                "{\"deadLetterTargetArn\":\""
                                    + dlqArn
                                    + "\",\"maxReceiveCount\":\"5\"}")))
            .queueUrl();
    fifoUrl =
        aws.sqs
            .createQueue(
                b ->
                    b.queueName("bdrc-ocr.fifo")
                        .attributes(
                            Map.of(
                                QueueAttributeName.FIFO_QUEUE,
                                "true",
                                QueueAttributeName.CONTENT_BASED_DEDUPLICATION,
                                "true")))
            .queueUrl();
    putArchiveVolume();
    IntakeSettings intake =
        new IntakeSettings(
            queueUrl, "auto", null, "tesseract-eng", "s3://" + RESULTS + "/ocr", 20, storage);
    api = ApiHarness.withAws(Files.createDirectories(root.resolve("data")), storage, intake);
  }

  /**
   * Three rendered English pages, an entry with an error and a non-image, listed in a gzipped
   * dimensions.json.
   */
  private void putArchiveVolume() throws Exception {
    PageRenderer renderer = new PageRenderer(PageRenderer.DEJAVU_SERIF, 46f, 1200, 260);
    List<String> words = SampleTexts.englishWords(60);
    for (int i = 1; i <= 3; i++) {
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(
          renderer.render(words.subList((i - 1) * 20, i * 20), " ", 1.3).image(), "png", png);
      String key = VOLUME_PREFIX + "I0886000" + i + ".png";
      aws.s3.putObject(b -> b.bucket(ARCHIVE).key(key), RequestBody.fromBytes(png.toByteArray()));
    }
    String dimensions =
        "[{\"filename\":\"I08860001.png\",\"width\":1200,\"height\":260},"
            + "{\"filename\":\"I08860002.png\",\"width\":1200,\"height\":260},"
            + "{\"filename\":\"I08860009.png\",\"error\":\"cannot read\"},"
            + "{\"filename\":\"notes.txt\",\"width\":0,\"height\":0},"
            + "{\"filename\":\"I08860003.png\",\"width\":1200,\"height\":260}]";
    dimensionsEtag =
        aws.s3
            .putObject(
                b -> b.bucket(ARCHIVE).key(VOLUME_PREFIX + "dimensions.json"),
                RequestBody.fromBytes(gzip(dimensions)))
            .eTag()
            .replace("\"", "");
    version = dimensionsEtag.substring(0, 6);
  }

  @AfterAll
  void stop() {
    if (api != null) api.close();
    if (proxy != null) proxy.close();
    if (aws != null) aws.close();
  }

  private String volumeFolder() {
    return "ocr/tesseract-eng/W22084-I0886-" + version + "/";
  }

  @Test
  @Order(1)
  void aBdrcMessageBecomesResultsInTheOutputBucketAndRowsInTheStatusTables() throws Exception {
    send(queueUrl, "{\"w_id\": \"W22084\", \"i_id\": \"I0886\"}");

    String success = awaitObject(RESULTS, volumeFolder() + "success.json", Duration.ofMinutes(3));
    assertThat(success).contains("\"version\" : \"" + version + "\"").contains("tesseract-eng");
    List<String> keys = keys(RESULTS, volumeFolder());
    assertThat(keys)
        .contains(
            "I08860001.txt",
            "I08860001.json",
            "I08860002.txt",
            "I08860003.json",
            "manifest.json",
            "config.json",
            "success.json");
    assertThat(object(RESULTS, volumeFolder() + "config.json"))
        .contains("\"engine\" : \"tesseract\"")
        .contains("\"model\" : \"eng\"");
    assertThat(object(RESULTS, volumeFolder() + "manifest.json"))
        .contains("\"manifest_etag\" : \"" + dimensionsEtag + "\"")
        .contains("image_etag");
    assertThat(object(RESULTS, volumeFolder() + "I08860001.txt").toLowerCase())
        .contains(SampleTexts.englishWords(60).get(3).toLowerCase());
    System.out.printf(
        "S3 through the fault proxy: %d requests, %d answered 503 SlowDown, %d answered 500%n",
        proxy.requests(), proxy.throttled.get(), proxy.failed.get());
    assertThat(proxy.faults()).as("throttling and 5xx answers were injected").isGreaterThan(2);

    Jdbc sql = api.db.database().jdbc();
    assertThat(
            sql.queryOne(
                    "SELECT v.bdrc_w_id || ' ' || v.bdrc_i_id || ' ' || v.version_name || ' ' || v.manifest_etag || ' ' || v.nb_images"
                        + " || ' ' || t.status || ' ' || t.output_prefix FROM tasks t JOIN volumes v ON v.id = t.volume_id"
                        + " JOIN jobs j ON j.id = t.job_id WHERE j.job_key = 'intake-tesseract-eng'",
                    rs -> rs.getString(1))
                .orElseThrow())
        .isEqualTo(
            "W22084 I0886 "
                + version
                + " "
                + dimensionsEtag
                + " 3 done s3://"
                + RESULTS
                + "/"
                + volumeFolder());
    assertThat(
            sql.queryLong(
                "SELECT count(*) FROM page_metrics p JOIN tasks t ON t.id = p.task_id JOIN jobs j ON j.id = t.job_id"
                    + " WHERE j.job_key = 'intake-tesseract-eng' AND p.status = 'ok' AND p.image_etag IS NOT NULL"))
        .isEqualTo(3);
    JsonNode job = api.get("/api/jobs/intake-tesseract-eng").json();
    assertThat(job.path("status").asText())
        .as("a rolling intake job waits for more")
        .isEqualTo("running");
  }

  @Test
  @Order(7)
  void theReadmeQueriesRunOnTheStatusTables() throws Exception {
    List<String> queries = readmeQueries();
    assertThat(queries).hasSize(3);
    Jdbc sql = api.db.database().jdbc();
    for (String query : queries) {
      List<String> rows = sql.query(query, rs -> rs.getString(1));
      assertThat(rows).as(query).isNotEmpty();
    }
  }

  @Test
  @Order(3)
  void redeliveredMessagesAddNoWorkAndGarbageIsMovedAsideWithoutBlockingTheQueue()
      throws Exception {
    SqsIntake intake = api.server.intake().orElseThrow();
    long acceptedBefore = intake.stats().accepted();
    send(queueUrl, "{\"w_id\": \"W22084\", \"i_id\": \"I0886\"}");
    send(queueUrl, "this is not json");
    send(queueUrl, "{\"w_id\": \"W22084\", \"i_id\": \"I0886\", \"job_type\": \"tesseract-eng\"}");
    send(queueUrl, "{\"w_id\": \"W404\", \"i_id\": \"I0404\"}");
    send(queueUrl, "{\"w_id\": \"X1\", \"i_id\": \"I0001\"}");
    awaitTrue(
        "messages handled",
        () -> intake.stats().accepted() >= acceptedBefore + 4,
        Duration.ofMinutes(1));

    Jdbc sql = api.db.database().jdbc();
    assertThat(sql.queryLong("SELECT count(*) FROM jobs WHERE job_key LIKE 'intake-%'"))
        .isEqualTo(1);
    assertThat(
            sql.queryLong(
                "SELECT count(*) FROM tasks t JOIN volumes v ON v.id = t.volume_id WHERE v.bdrc_w_id = 'W22084'"))
        .as("the same volume sent three times is one task")
        .isEqualTo(1);

    Message dead = receiveOne(deadLetterUrl);
    assertThat(dead.body()).isEqualTo("this is not json");
    assertThat(dead.messageAttributes().get("ocrbatch_error").stringValue()).contains("not JSON");
    String metrics = api.get("/actuator/prometheus").body();
    assertThat(sqsMessages(metrics, "dead_lettered"))
        .as("dead-lettered in /actuator/prometheus")
        .isEqualTo(intake.stats().setAside())
        .isGreaterThanOrEqualTo(1);
    assertThat(sqsMessages(metrics, "received")).isGreaterThanOrEqualTo(5);
    assertThat(sqsMessages(metrics, "deleted")).isGreaterThanOrEqualTo(4);

    awaitTrue(
        "both bad volumes failed",
        () ->
            sql.queryLong(
                    "SELECT count(*) FROM tasks t JOIN volumes v ON v.id = t.volume_id WHERE v.bdrc_w_id IN ('W404', 'X1')"
                        + " AND t.status = 'terminal_failed'")
                == 2,
        Duration.ofMinutes(1));
    assertThat(lastError("W404"))
        .contains("W404-I0404 has no dimensions.json")
        .contains("s3://" + ARCHIVE + "/Works/");
    assertThat(lastError("X1")).contains("malformed BDRC volume id 'X1-I0001'");
    assertThat(
            sql.queryLong(
                "SELECT max(t.attempts) FROM tasks t JOIN volumes v ON v.id = t.volume_id WHERE v.bdrc_w_id IN ('W404', 'X1')"))
        .as("terminal at once, not retried")
        .isEqualTo(1);
  }

  private static long sqsMessages(String metrics, String event) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "(?m)^ocrbatch_sqs_messages_total\\{event=\"" + event + "\"\\} ([0-9.]+)$")
            .matcher(metrics);
    assertThat(m.find()).as("ocrbatch_sqs_messages_total{event=" + event + "}").isTrue();
    return (long) Double.parseDouble(m.group(1));
  }

  private String lastError(String workId) {
    return api.db
        .database()
        .jdbc()
        .queryOne(
            "SELECT t.last_error FROM tasks t JOIN volumes v ON v.id = t.volume_id WHERE v.bdrc_w_id = ?",
            rs -> rs.getString(1),
            workId)
        .orElseThrow();
  }

  @Test
  @Order(4)
  void aFifoQueueTakesWholeJobsAndForceRedoesAVolumeThatIsDone() throws Exception {
    IntakeSettings fifo =
        new IntakeSettings(
            fifoUrl, "auto", null, "tesseract-eng", "s3://" + RESULTS + "/ocr", 1, storage);
    try (SqsIntake intake =
        new SqsIntake(SqsClients.create(storage), fifo, api.jobs, api.jobs.volumes()).start()) {
      sendFifo(
          fifoUrl,
          "{\"job_type\":\"tesseract-eng\",\"volumes\":[\"W22084-I0886\"],\"job_key\":\"fifo-again\"}");
      sendFifo(fifoUrl, "{ not json");
      sendFifo(
          fifoUrl,
          "{\"job_type\":\"tesseract-eng\",\"volumes\":[\"W22084-I0886\"],\"job_key\":\"fifo-force\",\"force\":true}");
      api.awaitField("/api/jobs/fifo-force", "status", Duration.ofMinutes(3), "completed");
      api.awaitField("/api/jobs/fifo-again", "status", Duration.ofMinutes(1), "completed");
      assertThat(intake.stats().setAside()).isEqualTo(1);
    }
    assertThat(aws.sqs.receiveMessage(b -> b.queueUrl(fifoUrl).waitTimeSeconds(1)).messages())
        .as("the unreadable message was deleted (no dead-letter queue), nothing is stuck")
        .isEmpty();
    assertThat(pagesOcred("fifo-again")).as("done volume skipped").isZero();
    assertThat(pagesOcred("fifo-force")).as("--force re-OCRs it").isEqualTo(3);
  }

  private long pagesOcred(String jobKey) {
    return api.db
        .database()
        .jdbc()
        .queryLong(
            "SELECT count(*) FROM page_metrics p JOIN tasks t ON t.id = p.task_id JOIN jobs j ON j.id = t.job_id WHERE j.job_key = ?",
            jobKey);
  }

  @Test
  @Order(5)
  void anExternalS3ClientListsTheResults() throws Exception {
    Path s3cmd = Path.of("/usr/bin/s3cmd");
    if (!Files.isExecutable(s3cmd))
      fail("s3cmd is missing: bin/test installs it (apt-get install -y s3cmd)");
    Process p =
        new ProcessBuilder(
                s3cmd.toString(),
                "-c",
                "/dev/null",
                "--access_key=test-key",
                "--secret_key=test-secret",
                "--no-ssl",
                "--host=127.0.0.1:" + aws.s3Port,
                "--host-bucket=127.0.0.1:" + aws.s3Port,
                "ls",
                "--recursive",
                "s3://" + RESULTS + "/")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out)
        .contains("s3://" + RESULTS + "/" + volumeFolder() + "success.json")
        .contains("s3://" + RESULTS + "/" + volumeFolder() + "I08860003.txt");
  }

  @Test
  @Order(6)
  void syncCopiesAJobsResultsWithImagesAndSkipsWhatIsThere() throws Exception {
    long jobId = api.jobs.store().jobs().byKey("fifo-force").orElseThrow().id();
    List<ResultSync.Volume> volumes =
        api.jobs.store().tasks().doneOutputs(jobId).stream()
            .map(t -> new ResultSync.Volume(t.volumeId(), t.sourceUri(), t.outputPrefix()))
            .toList();
    try (Storage direct = new Storage(aws.settings(aws.s3Endpoint(), ARCHIVE))) {
      ResultSync sync = new ResultSync(direct);
      List<ResultSync.Progress> seen = new ArrayList<>();
      ResultSync.Progress first =
          sync.run(volumes, "tesseract-eng", "s3://" + MIRROR + "/bdrc", true, seen::add);
      assertThat(first.copied())
          .isEqualTo(first.filesTotal())
          .isGreaterThanOrEqualTo(3 * 2 + 3 + 3);
      assertThat(seen)
          .last()
          .extracting(ResultSync.Progress::filesDone)
          .isEqualTo(first.filesTotal());
      String mirrored = "bdrc/tesseract-eng/W22084-I0886-" + version + "/";
      assertThat(keys(MIRROR, mirrored))
          .contains("images/I08860001.png", "I08860002.json", "success.json");
      ResultSync.Progress again =
          sync.run(volumes, "tesseract-eng", "s3://" + MIRROR + "/bdrc", true, p -> {});
      assertThat(again.copied()).isZero();
      assertThat(again.skipped()).isEqualTo(first.filesTotal());
    }
  }

  // --- helpers

  private void send(String queue, String body) {
    aws.sqs.sendMessage(b -> b.queueUrl(queue).messageBody(body));
  }

  private void sendFifo(String queue, String body) {
    aws.sqs.sendMessage(b -> b.queueUrl(queue).messageBody(body).messageGroupId("volumes"));
  }

  private Message receiveOne(String queue) {
    List<Message> messages =
        aws.sqs
            .receiveMessage(
                b ->
                    b.queueUrl(queue)
                        .waitTimeSeconds(5)
                        .messageAttributeNames("All")
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
            .messages();
    assertThat(messages).hasSize(1);
    return messages.get(0);
  }

  private String object(String bucket, String key) {
    return aws.s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
  }

  private String awaitObject(String bucket, String key, Duration timeout)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      try {
        return object(bucket, key);
      } catch (NoSuchKeyException e) {
        Thread.sleep(300);
      }
    }
    throw new AssertionError(
        "s3://"
            + bucket
            + "/"
            + key
            + " did not appear in "
            + timeout
            + "; jobs: "
            + api.get("/api/jobs").body());
  }

  private List<String> keys(String bucket, String prefix) {
    return aws.s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
        .map(o -> o.key().substring(prefix.length()))
        .toList();
  }

  private static void awaitTrue(String what, BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) return;
      Thread.sleep(200);
    }
    throw new AssertionError("timed out waiting: " + what);
  }

  /** The ```sql blocks of the README's status views section. */
  static List<String> readmeQueries() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    int section = readme.indexOf("## Status views");
    assertThat(section).as("README has a '## Status views' section").isNotNegative();
    int next = readme.indexOf("\n## ", section + 1);
    String text = readme.substring(section, next < 0 ? readme.length() : next);
    List<String> queries = new ArrayList<>();
    Matcher m = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL).matcher(text);
    while (m.find()) queries.add(m.group(1).strip().replaceAll(";$", ""));
    return queries;
  }

  static byte[] gzip(String text) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
