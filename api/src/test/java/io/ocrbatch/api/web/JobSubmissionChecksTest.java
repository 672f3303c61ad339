package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocrbatch.activities.samples.SamplePdf;
import io.ocrbatch.activities.storage.StorageSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * What a submission is told at once, over real HTTP: a malformed BDRC id, a job key reused with
 * other volumes, a BDRC volume on a server without AWS credentials; and canceling an ended job.
 */
class JobSubmissionChecksTest {
  @TempDir static Path data;
  static ApiHarness api;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(
        System.getenv("AWS_ACCESS_KEY_ID") == null,
        "this machine has AWS credentials in its environment");
    Path empty = Files.writeString(data.resolve("empty-aws-file"), "");
    var noCredentials =
        AwsCredentialsProviderChain.of(
            SystemPropertyCredentialsProvider.create(),
            EnvironmentVariableCredentialsProvider.create(),
            ProfileCredentialsProvider.builder()
                .profileFile(
                    ProfileFile.builder().content(empty).type(ProfileFile.Type.CREDENTIALS).build())
                .build());
    // S3 at a closed loopback port: nothing may leave this machine
    StorageSettings storage =
        StorageSettings.from(Map.of())
            .withEndpoints(URI.create("http://127.0.0.1:9"), null, noCredentials);
    api = ApiHarness.withAws(data.resolve("server"), storage, null);
  }

  @AfterAll
  static void stop() {
    if (api != null) api.close();
  }

  private static String json(String template, Object... args) {
    return String.format(template.replace('\'', '"'), args);
  }

  private static Path volumes(String name, int count) throws Exception {
    Path root = data.resolve(name);
    for (int v = 1; v <= count; v++)
      SamplePdf.writeEnglish(root.resolve(name + "-" + v).resolve("book.pdf"), 1);
    return root;
  }

  @Test
  void aMalformedBdrcIdIsNamedWithTheExpectedForm() {
    ApiHarness.Reply reply =
        api.post("/api/jobs", json("{'job_type': 'tesseract-eng', 'volumes': ['W22308-XYZ']}"));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("detail").asText())
        .startsWith("malformed BDRC volume id 'W22308-XYZ'")
        .contains("W22084-I0886")
        .doesNotContain("folder not found");
  }

  @Test
  void aBdrcVolumeWithoutAwsCredentialsIsRefusedAtOnceInOneSentence() {
    ApiHarness.Reply reply =
        api.post(
            "/api/jobs",
            json(
                "{'job_type': 'tesseract-eng', 'volumes': ['W22308-I1KG9611'], 'job_key': 'no-creds'}"));
    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.json().path("detail").asText())
        .startsWith("no AWS credentials found for s3://archive.tbrc.org")
        .contains("AWS_PROFILE")
        .hasSizeLessThan(300);
    assertThat(api.get("/api/jobs/no-creds").status()).as("no job was recorded").isEqualTo(404);
  }

  @Test
  void aJobKeyReusedWithOtherVolumesIsAConflictNamingBothSets() throws Exception {
    Path one = volumes("reuse-a", 1);
    Path two = volumes("reuse-b", 2);
    ApiHarness.Reply first =
        api.post(
            "/api/jobs",
            json(
                "{'job_type': 'tesseract-eng', 'folder': '%s', 'job_key': 'reused', 'dpi': 100}",
                one));
    assertThat(first.status()).isEqualTo(201);
    assertThat(
            api.post(
                    "/api/jobs",
                    json(
                        "{'job_type': 'tesseract-eng', 'folder': '%s', 'job_key': 'reused', 'dpi': 100}",
                        one))
                .status())
        .as("the same volumes: that job")
        .isEqualTo(200);

    ApiHarness.Reply other =
        api.post(
            "/api/jobs",
            json("{'job_type': 'tesseract-eng', 'folder': '%s', 'job_key': 'reused'}", two));
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.json().path("detail").asText())
        .contains(
            "job key 'reused' already names job "
                + first.json().path("id").asLong()
                + " with 1 volume(s)")
        .contains("this request names 2 volume(s)");
  }

  @Test
  void aJobIsFoundByIdAndCancelingItOnceEndedIsAConflict() throws Exception {
    Path folder = volumes("ended", 1);
    JsonNode created =
        api.post(
                "/api/jobs",
                json(
                    "{'job_type': 'tesseract-eng', 'folder': '%s', 'job_key': 'ended-job', 'dpi': 100}",
                    folder))
            .json();
    long id = created.path("id").asLong();
    assertThat(api.get("/api/jobs/" + id).json().path("job_key").asText()).isEqualTo("ended-job");
    assertThat(api.get("/api/jobs/" + id).json().path("type_id").asLong()).isEqualTo(1);
    assertThat(api.get("/api/jobs/987654").status()).isEqualTo(404);
    api.awaitField("/api/jobs/ended-job", "status", Duration.ofSeconds(90), "completed");

    ApiHarness.Reply cancel = api.post("/api/jobs/" + id + "/cancel", "");
    assertThat(cancel.status()).isEqualTo(409);
    assertThat(cancel.json().path("detail").asText())
        .contains("job ended-job (id " + id + ") has already ended (completed)");
    assertThat(api.get("/api/jobs/ended-job").json().path("status").asText())
        .isEqualTo("completed");
  }
}
