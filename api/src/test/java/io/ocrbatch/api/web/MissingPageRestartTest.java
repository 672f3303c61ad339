package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocrbatch.activities.samples.PageRenderer;
import io.ocrbatch.activities.samples.SampleTexts;
import io.ocrbatch.activities.statusdb.Jdbc;
import io.ocrbatch.activities.storage.BdrcVolume;
import io.ocrbatch.api.JobRequest;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A BDRC volume whose dimensions.json lists an image the archive does not have (S3Mock): the volume
 * is not complete and its job fails naming the page; once the image is uploaded, restarting the job
 * by its key OCRs that page alone and completes the volume.
 */
class MissingPageRestartTest {
  static final String ARCHIVE = "archive-missing";
  static final String RESULTS = "results-missing";
  static final String PREFIX = "Works/60/W22084/images/W22084-0886/";
  static final String KEY = "missing-page-1";

  @TempDir Path root;

  @Test
  void aVolumeMissingAPageIsNotCompleteAndARestartAfterTheUploadOcrsThatPageAlone()
      throws Exception {
    try (AwsServers aws = new AwsServers(root.resolve("s3"), ARCHIVE, RESULTS);
        ApiHarness api =
            ApiHarness.withAws(
                root.resolve("data"), aws.settings(aws.s3Endpoint(), ARCHIVE), null)) {
      String version = putVolume(aws, List.of(1, 3), List.of(1, 2, 3));
      String folder = "ocr/tesseract-eng/W22084-I0886-" + version + "/";
      api.jobs.submit(
          new JobRequest(
              "tesseract-eng",
              List.of(api.jobs.volumes().bdrc(BdrcVolume.parseVolumeId("W22084-I0886"))),
              KEY,
              "s3://" + RESULTS + "/ocr",
              1,
              150));

      JsonNode failed =
          api.awaitField(
              "/api/jobs/" + KEY, "status", Duration.ofMinutes(2), "completed", "failed");
      assertThat(failed.path("status").asText()).isEqualTo("failed");
      assertThat(failed.path("recent_errors").toString())
          .as("the job names the missing page")
          .contains("I08860002.png")
          .contains("missing");
      Map<String, Instant> first = objects(aws, folder);
      assertThat(first)
          .as("pages 1 and 3 are done, the volume is not")
          .containsKeys("I08860001.json", "I08860003.json")
          .doesNotContainKeys("I08860002.json", "success.json");
      assertThat(api.postEmpty("/api/jobs/" + KEY + "/resume").status()).isEqualTo(409);

      putVolume(aws, List.of(2), List.of(1, 2, 3)); // the image is uploaded
      Thread.sleep(1_100); // S3 times are in whole seconds: a rewrite would show
      ApiHarness.Reply restarted = api.postEmpty("/api/jobs/" + KEY + "/restart");
      assertThat(restarted.status()).as(restarted.body()).isEqualTo(200);
      assertThat(restarted.json().path("status").asText()).isIn("created", "running");

      assertThat(
              api.awaitField(
                      "/api/jobs/" + KEY, "status", Duration.ofMinutes(2), "completed", "failed")
                  .path("status")
                  .asText())
          .isEqualTo("completed");
      Map<String, Instant> after = objects(aws, folder);
      assertThat(after).containsKeys("I08860002.json", "I08860002.txt", "success.json");
      assertThat(after.get("I08860001.json"))
          .as("page 1 was not OCRed again")
          .isEqualTo(first.get("I08860001.json"));
      assertThat(after.get("I08860003.json")).isEqualTo(first.get("I08860003.json"));
      Jdbc sql = api.db.database().jdbc();
      assertThat(
              sql.queryLong(
                  "SELECT count(*) FROM page_metrics p JOIN tasks t ON t.id = p.task_id"
                      + " JOIN jobs j ON j.id = t.job_id WHERE j.job_key = ? AND p.status = 'ok'",
                  KEY))
          .isEqualTo(3);
      assertThat(
              sql.queryLong(
                  "SELECT t.attempts FROM tasks t JOIN jobs j ON j.id = t.job_id WHERE j.job_key = ?",
                  KEY))
          .as("the restart's attempts start afresh")
          .isEqualTo(1);
      assertThat(api.postEmpty("/api/jobs/" + KEY + "/restart").status())
          .as("a completed job has nothing to restart")
          .isEqualTo(409);
    }
  }

  /** Uploads pages {@code present} and a dimensions.json listing {@code listed}; its version. */
  private static String putVolume(AwsServers aws, List<Integer> present, List<Integer> listed)
      throws Exception {
    PageRenderer renderer = new PageRenderer(PageRenderer.DEJAVU_SERIF, 46f, 1200, 260);
    List<String> words = SampleTexts.englishWords(60);
    for (int i : present) {
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(
          renderer.render(words.subList((i - 1) * 20, i * 20), " ", 1.3).image(), "png", png);
      aws.s3.putObject(
          b -> b.bucket(ARCHIVE).key(PREFIX + "I0886000" + i + ".png"),
          RequestBody.fromBytes(png.toByteArray()));
    }
    String dimensions =
        listed.stream()
            .map(i -> "{\"filename\":\"I0886000" + i + ".png\",\"width\":1200,\"height\":260}")
            .collect(Collectors.joining(",", "[", "]"));
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
      gzip.write(dimensions.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return aws.s3
        .putObject(
            b -> b.bucket(ARCHIVE).key(PREFIX + "dimensions.json"),
            RequestBody.fromBytes(gzipped.toByteArray()))
        .eTag()
        .replace("\"", "")
        .substring(0, 6);
  }

  private static Map<String, Instant> objects(AwsServers aws, String prefix) {
    return aws.s3.listObjectsV2Paginator(b -> b.bucket(RESULTS).prefix(prefix)).contents().stream()
        .collect(Collectors.toMap(o -> o.key().substring(prefix.length()), S3Object::lastModified));
  }
}
