package io.ocrbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.fault.BadInputException;
import io.ocrbatch.activities.fault.ConflictException;
import io.ocrbatch.activities.fault.ExitCode;
import io.ocrbatch.activities.fault.Fault;
import io.ocrbatch.activities.fault.OrchestrationUnavailableException;
import io.ocrbatch.activities.fault.StorageUnavailableException;
import io.ocrbatch.activities.fault.StoreUnavailableException;
import io.ocrbatch.api.JobKeyConflictException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * Every failure type exits with the code it carries, mapped in the CLI's one handler; the README's
 * table holds.
 */
class ExitCodeTest {
  @Test
  void eachExceptionTypeExitsWithItsCode() {
    assertThat(code(new BadInputException("unknown job type 'x'"))).isEqualTo(1);
    assertThat(code(new ConflictException("job J1 has already ended"))).isEqualTo(1);
    assertThat(code(new JobKeyConflictException("job key 'k' names other volumes"))).isEqualTo(1);
    assertThat(code(new StoreUnavailableException("database error", new SQLException("refused"))))
        .isEqualTo(1);
    assertThat(code(new StorageUnavailableException("cannot read page", null))).isEqualTo(1);
    assertThat(
            code(
                new OrchestrationUnavailableException(
                    "127.0.0.1:7233", new RuntimeException("refused"))))
        .isEqualTo(1);
    assertThat(code(new InterruptedException())).isEqualTo(130);
    assertThat(code(new IllegalStateException("anything else"))).isEqualTo(1);
  }

  @Test
  void aWrappedFaultKeepsItsCode() {
    assertThat(code(new RuntimeException("wrapped", new Canceled()))).isEqualTo(4);
    assertThat(code(new IllegalStateException("interrupted", new InterruptedException())))
        .isEqualTo(130);
  }

  @Test
  void theCodesAreTheDocumentedOnes() {
    assertThat(ExitCode.OK.code()).isZero();
    assertThat(ExitCode.COULD_NOT_RUN.code()).isEqualTo(1);
    assertThat(ExitCode.USAGE.code()).isEqualTo(2);
    assertThat(ExitCode.PAGES_FAILED.code()).isEqualTo(3);
    assertThat(ExitCode.CANCELED.code()).isEqualTo(4);
    assertThat(ExitCode.INTERRUPTED.code()).isEqualTo(130);
  }

  @Test
  void aWrongCommandLineIsUsage() {
    assertThat(OcrbatchCli.run("ocr", "--no-such-option")).isEqualTo(2);
  }

  private static int code(Throwable e) {
    return OcrbatchCli.exitCode(e).code();
  }

  /** A failure type that carries a code other than 1. */
  private static final class Canceled extends RuntimeException implements Fault {
    @Override
    public ExitCode exitCode() {
      return ExitCode.CANCELED;
    }
  }
}
