package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.registry.PipelineRegistry;
import io.ocrbatch.activities.registry.RegistryDocument;
import io.ocrbatch.activities.registry.StepInput;
import io.ocrbatch.activities.storage.Storage;
import io.ocrbatch.activities.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's files under an S3 prefix (S3Mock, real S3 protocol): written next to the results
 * there, and the rows rebuilt from them.
 */
class PipelineRegistryOnS3Test {
  @TempDir Path root;

  @Test
  void registryFilesAreWrittenUnderAnS3PrefixAndRebuiltFromThere() throws Exception {
    try (AwsServers aws = new AwsServers(Files.createDirectories(root.resolve("s3")), "results");
        TestDatabases.Fresh db = TestDatabases.fresh();
        Storage storage = new Storage(aws.settings(aws.s3Endpoint(), "archive"))) {
      PipelineRegistry registry = new PipelineRegistry(db.database().jdbc(), storage);
      byte[] json =
          "{\"status\":\"completed\",\"citekeys\":[\"W1-I1\",\"W1-I2\"],\"bucket\":\"scans\"}"
              .getBytes(StandardCharsets.UTF_8);
      registry.record(StepInput.parse("S3-JOB", "source", json, "source.json"), "s3://results/ocr");
      RegistryDocument before = registry.document("S3-JOB");

      for (String key :
          new String[] {
            "ocr/job_registry/S3-JOB.json",
            "ocr/job_registry/latest.json",
            "ocr/job_registry/S3-JOB/source.json"
          }) {
        assertThat(aws.s3.headObject(b -> b.bucket("results").key(key)).contentLength())
            .as(key)
            .isPositive();
      }

      db.database().jdbc().update("DELETE FROM pipeline_jobs");
      assertThat(registry.rebuild("s3://results/ocr")).containsExactly("S3-JOB");
      assertThat(registry.document("S3-JOB")).isEqualTo(before);
      assertThat(registry.queries().findVolume("W1-I2")).hasSize(1);
    }
  }
}
