package io.ocrbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.fault.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code job status} says of a job whose pages partly or all failed, and of a job over volumes
 * an earlier job had done: the outcome, and pages ok / failed / skipped.
 */
class JobOutcomeEndToEndTest {
  @TempDir static Path dir;
  static String data;

  @BeforeAll
  static void nullEngineJobType() {
    data = dir.resolve("data").toString();
    CliTestSupport.nullJobType("null-counts", data);
  }

  private static int ocr(Path scans, String jobKey) {
    return OcrbatchCli.run(
        "ocr",
        scans.toString(),
        "--type",
        "null-counts",
        "--out",
        dir.resolve("out").toString(),
        "--data",
        data,
        "--job-key",
        jobKey);
  }

  private static String status(String jobKey) {
    return CliTestSupport.run("job", "status", "--job-key", jobKey, "--data", data).stdout();
  }

  /** An image that does not decode: its page fails, its volume goes on. */
  private static void badPage(Path file) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "not a PNG");
  }

  @Test
  void aJobWithSomePagesFailedSaysCompletedWithFailuresAndCountsThem() throws Exception {
    Path scans = dir.resolve("mixed");
    CliTestSupport.englishVolume(scans.resolve("vol-m"), 2, 0);
    badPage(scans.resolve("vol-m/page-003.png"));

    assertThat(ocr(scans, "MIXED")).isEqualTo(ExitCode.PAGES_FAILED.code());

    assertThat(status("MIXED"))
        .contains(
            "Status: completed with failures",
            "Pages: 3/3 finished (100.0%): 2 ok, 1 failed, 0 skipped (already done)");
  }

  @Test
  void aJobWhosePagesAllFailedIsFailed() throws Exception {
    Path scans = dir.resolve("bad");
    badPage(scans.resolve("vol-x/page-001.png"));

    assertThat(ocr(scans, "ALL-BAD")).isEqualTo(ExitCode.PAGES_FAILED.code());

    assertThat(status("ALL-BAD"))
        .contains("Status: failed", "Pages: 1/1 finished (100.0%): 0 ok, 1 failed, 0 skipped");
    assertThat(CliTestSupport.run("job", "list", "--status", "failed", "--data", data).stdout())
        .contains("ALL-BAD");
  }

  @Test
  void aJobOverVolumesDoneBeforeCountsTheirPagesSkippedAndEndsAtAHundredPercent() throws Exception {
    Path scans = dir.resolve("good");
    CliTestSupport.englishVolume(scans.resolve("vol-a"), 2, 0);
    CliTestSupport.englishVolume(scans.resolve("vol-b"), 3, 50);
    assertThat(ocr(scans, "FIRST")).isEqualTo(ExitCode.OK.code());

    assertThat(ocr(scans, "AGAIN")).isEqualTo(ExitCode.OK.code());

    assertThat(status("FIRST"))
        .contains(
            "Status: completed",
            "Pages: 5/5 finished (100.0%): 5 ok, 0 failed, 0 skipped (already done)");
    assertThat(status("AGAIN"))
        .contains(
            "Status: completed",
            "Pages: 5/5 finished (100.0%): 0 ok, 0 failed, 5 skipped (already done)");
  }
}
