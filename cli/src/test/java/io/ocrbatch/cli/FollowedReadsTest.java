package io.ocrbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.fault.StoreUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** `ocr` follows its job through a database restart instead of exiting while the job runs on. */
class FollowedReadsTest {
  @Test
  void aReadDuringAnOutageWaitsForTheDatabaseAndSaysSoOnce() throws Exception {
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    AtomicInteger calls = new AtomicInteger();
    try (ShutdownSignal signal = new ShutdownSignal()) {
      FollowedReads reads =
          new FollowedReads(new PrintStream(said, true, StandardCharsets.UTF_8), signal);

      var value =
          reads.read(
              () -> {
                if (calls.incrementAndGet() <= 3)
                  throw new StoreUnavailableException(
                      "database error", new ConnectException("Connection refused"));
                return "job 7";
              });

      assertThat(value).hasValue("job 7");
    }
    String text = said.toString(StandardCharsets.UTF_8);
    assertThat(calls).hasValue(4);
    assertThat(text.split("does not answer", -1)).hasSize(2); // said once, not at every retry
    assertThat(text).contains("Connection refused").contains("answers again");
  }
}
