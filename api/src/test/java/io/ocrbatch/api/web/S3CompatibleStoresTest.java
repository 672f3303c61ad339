package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.samples.PageRenderer;
import io.ocrbatch.activities.samples.SampleTexts;
import io.ocrbatch.activities.storage.ResultFolder;
import io.ocrbatch.activities.storage.Storage;
import io.ocrbatch.activities.storage.StorageSettings;
import io.ocrbatch.api.JobRequest;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * What ocrbatch writes to an S3-compatible store (an endpoint set) is stored as sent and reads back
 * as written, on two implementations started here: S3Mock (Java, in this JVM) and s3rver (Node,
 * which stores a request body as it arrives: an upload framed with aws-chunked signatures would be
 * stored framed).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3CompatibleStoresTest {
  static final String BUCKET = "ocr-results";

  Path root;
  AwsServers s3mock;
  S3rverServer s3rver;

  /** One store: how ocrbatch is configured for it, and a plain client for the test's checks. */
  record Store(String name, URI endpoint, StaticCredentialsProvider credentials) {
    StorageSettings settings() {
      return StorageSettings.from(Map.of()).withEndpoints(endpoint, null, credentials);
    }

    /** A client whose uploads every store reads as sent (no aws-chunked framing). */
    S3Client client() {
      return S3Client.builder()
          .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
          .endpointOverride(endpoint)
          .forcePathStyle(true)
          .region(Region.US_EAST_1)
          .credentialsProvider(credentials)
          .build();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  void start() throws Exception {
    root = Files.createTempDirectory("s3-compatible");
    s3mock = new AwsServers(Files.createDirectories(root.resolve("s3mock")), BUCKET);
    s3rver = new S3rverServer(Files.createDirectories(root.resolve("s3rver")), BUCKET);
  }

  @AfterAll
  void stop() {
    if (s3rver != null) s3rver.close();
    if (s3mock != null) s3mock.close();
  }

  Stream<Arguments> stores() {
    return Stream.of(
        Arguments.of(new Store("S3Mock", s3mock.s3Endpoint(), AwsServers.CREDENTIALS)),
        Arguments.of(new Store("s3rver", s3rver.endpoint(), S3rverServer.CREDENTIALS)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void aPageResultIsStoredAsSentAndReadsBack(Store store) throws Exception {
    byte[] json = "{\"page\": \"08860002\", \"text\": \"ཀ་ཁ་ག\"}".getBytes(StandardCharsets.UTF_8);
    Path file = root.resolve(store.name() + "-page.txt");
    Files.writeString(file, "a page's text\n".repeat(500));
    try (Storage storage = new Storage(store.settings());
        S3Client plain = store.client()) {
      ResultFolder folder = storage.results("s3://" + BUCKET + "/ocr/W22084-I0886-098149");
      folder.write("08860002.json", json, "application/json");
      folder.write("08860002.txt", file, "text/plain");

      assertThat(stored(plain, "ocr/W22084-I0886-098149/08860002.json")).isEqualTo(json);
      assertThat(stored(plain, "ocr/W22084-I0886-098149/08860002.txt"))
          .isEqualTo(Files.readAllBytes(file));
      assertThat(folder.read("08860002.json")).hasValue(json);
    }
  }

  /**
   * A result folder named with a trailing slash (or two) holds {@code <folder>/<page>.json}, and
   * messages name that key: {@code W22084-I0886-098149//08860002.json} is neither written nor
   * shown.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void aFolderNamedWithTrailingSlashesGetsNoDoubleSlashInItsKeys(Store store) throws Exception {
    try (Storage storage = new Storage(store.settings());
        S3Client plain = store.client()) {
      ResultFolder folder = storage.results("s3://" + BUCKET + "/slashes/W22084-I0886-098149//");
      folder.write("08860002.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");

      assertThat(plain.listObjectsV2(b -> b.bucket(BUCKET).prefix("slashes/")).contents())
          .extracting(o -> o.key())
          .containsExactly("slashes/W22084-I0886-098149/08860002.json");
      assertThat(folder.files()).containsOnlyKeys("08860002.json");
      assertThat(folder.read("08860002.json")).hasValue("{}".getBytes(StandardCharsets.UTF_8));
      assertThat(folder.locationOf("08860002.json"))
          .isEqualTo("s3://" + BUCKET + "/slashes/W22084-I0886-098149/08860002.json");
    }
  }

  /**
   * A BDRC volume OCRed from s3rver to s3rver, run again by a second job (which reads the results
   * back), then with one page's JSON replaced by what a store that kept the aws-chunked framing
   * holds: the job ends with that page failed, naming the object, instead of retrying for ever.
   */
  @org.junit.jupiter.api.Test
  void aFinishedBdrcVolumeOnS3rverIsReadBackByTheNextJob() throws Exception {
    Store store = new Store("s3rver", s3rver.endpoint(), S3rverServer.CREDENTIALS);
    String archive = "archive-test";
    String volumePrefix = "Works/60/W22084/images/W22084-0886/";
    try (S3Client plain = store.client()) {
      plain.createBucket(b -> b.bucket(archive));
      for (int i = 1; i <= 2; i++) {
        byte[] page = png(i);
        String key = volumePrefix + "I0886000" + i + ".png";
        plain.putObject(b -> b.bucket(archive).key(key), RequestBody.fromBytes(page));
      }
      String etag =
          plain
              .putObject(
                  b -> b.bucket(archive).key(volumePrefix + "dimensions.json"),
                  RequestBody.fromBytes(
                      BdrcOnAwsTest.gzip(
                          "[{\"filename\":\"I08860001.png\"},{\"filename\":\"I08860002.png\"}]")))
              .eTag()
              .replace("\"", "");
      String folder = "ocr/tesseract-eng/W22084-I0886-" + etag.substring(0, 6) + "/";
      try (ApiHarness api =
          ApiHarness.withAws(
              Files.createDirectories(root.resolve("data")),
              store.settings().withBdrcBucket(archive),
              null)) {
        assertThat(run(api, "first")).isEqualTo("completed");
        assertThat(new String(stored(plain, folder + "I08860001.json"), StandardCharsets.UTF_8))
            .startsWith("{");
        assertThat(run(api, "again")).as("the finished volume read back").isEqualTo("completed");
        assertThat(pages(api, "again", "ok")).as("the finished volume is skipped").isZero();

        plain.deleteObject(b -> b.bucket(BUCKET).key(folder + "success.json"));
        plain.putObject(
            b -> b.bucket(BUCKET).key(folder + "I08860002.json"),
            RequestBody.fromString("a3a2;chunk-signature=0f1e\r\n{\"lines\": []}\r\n0;chunk"));
        assertThat(run(api, "corrupted")).isIn("completed", "failed");
        assertThat(pages(api, "corrupted", "ok")).isEqualTo(1);
        assertThat(
                api.db
                    .database()
                    .jdbc()
                    .queryOne(
                        "SELECT p.error FROM page_metrics p JOIN tasks t ON t.id = p.task_id"
                            + " JOIN jobs j ON j.id = t.job_id WHERE j.job_key = 'corrupted'"
                            + " AND p.status = 'failed'",
                        rs -> rs.getString(1))
                    .orElseThrow())
            .contains("s3://" + BUCKET + "/" + folder + "I08860002.json is not valid JSON");
      }
    }
  }

  private static String run(ApiHarness api, String key) throws Exception {
    api.jobs.submit(
        new JobRequest(
            "tesseract-eng",
            api.jobs.volumes().fromEntries(List.of("W22084-I0886"), Path.of("")),
            key,
            "s3://" + BUCKET + "/ocr",
            2,
            150));
    String status =
        api.awaitField("/api/jobs/" + key, "status", Duration.ofMinutes(2), "completed", "failed")
            .path("status")
            .asText();
    System.out.printf(
        "job %s %s; tasks: %s%n",
        key,
        status,
        api.db
            .database()
            .jdbc()
            .query(
                "SELECT t.status || ' ' || coalesce(t.last_error, '') FROM tasks t"
                    + " JOIN jobs j ON j.id = t.job_id WHERE j.job_key = ?",
                rs -> rs.getString(1),
                key));
    return status;
  }

  private static long pages(ApiHarness api, String jobKey, String status) {
    return api.db
        .database()
        .jdbc()
        .queryLong(
            "SELECT count(*) FROM page_metrics p JOIN tasks t ON t.id = p.task_id"
                + " JOIN jobs j ON j.id = t.job_id WHERE j.job_key = ? AND p.status = ?",
            jobKey,
            status);
  }

  private static byte[] png(int firstWord) throws Exception {
    PageRenderer renderer = new PageRenderer(PageRenderer.DEJAVU_SERIF, 46f, 1200, 260);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(
        renderer
            .render(
                SampleTexts.englishWords(80).subList(firstWord * 20, firstWord * 20 + 20), " ", 1.3)
            .image(),
        "png",
        png);
    return png.toByteArray();
  }

  private static byte[] stored(S3Client s3, String key) {
    return s3.getObject(b -> b.bucket(BUCKET).key(key), ResponseTransformer.toBytes())
        .asByteArray();
  }
}
