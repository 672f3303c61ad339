package io.ocrbatch.activities.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Which write failures are the storage's condition (held) and which are retried as before. */
class UnwritableOutputTest {

  @Test
  void fullOrUnwritableStorageIsHeld() {
    assertThat(UnwritableOutput.reason(new IOException("No space left on device")))
        .contains("No space left on device");
    assertThat(
            UnwritableOutput.reason(
                new UncheckedIOException("cannot write", new IOException("Disk quota exceeded"))))
        .contains("Disk quota exceeded");
    assertThat(UnwritableOutput.reason(new AccessDeniedException("/out/vol/.p1.txt.tmp")))
        .contains("Permission denied");
    assertThat(
            UnwritableOutput.reason(
                new FileSystemException("/out/vol/p1.txt", null, "Read-only file system")))
        .contains("Read-only file system");
    assertThat(UnwritableOutput.reason(s3(403, "AccessDenied")))
        .contains("AccessDenied (HTTP 403)");
    assertThat(UnwritableOutput.reason(s3(507, "XMinioStorageFull")))
        .contains("XMinioStorageFull (HTTP 507)");
  }

  @Test
  void otherFailuresAreNot() {
    assertThat(UnwritableOutput.reason(new IOException("Connection reset"))).isEmpty();
    assertThat(UnwritableOutput.reason(s3(503, "SlowDown"))).isEmpty();
    assertThat(UnwritableOutput.reason(s3(500, "InternalError"))).isEmpty();
    assertThat(UnwritableOutput.reason(new IllegalStateException("no message"))).isEmpty();
  }

  private static S3Exception s3(int status, String code) {
    return (S3Exception)
        S3Exception.builder()
            .statusCode(status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
            .build();
  }
}
