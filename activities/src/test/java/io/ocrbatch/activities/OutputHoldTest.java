package io.ocrbatch.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocrbatch.workflows.FailureTypes;
import io.ocrbatch.workflows.PageChunk;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The hold itself, with writes that fail as told (works without root): refused writes are retried
 * and recorded on the task until one goes through; anything else is thrown at once; a cancel ends
 * the hold; a hold past its limit hands over to the volume workflow.
 */
class OutputHoldTest extends PageActivityTestBase {

  @Test
  void aRefusedWriteIsRetriedAndRecordedUntilItGoesThrough() throws Exception {
    PageChunk chunk = chunk(1);
    long taskId = chunk.task().taskId();
    store.tasks().started(taskId, 1, 3);
    OutputHold hold = new OutputHold(store.tasks(), "w", Duration.ofHours(1));
    AtomicInteger refusals = new AtomicInteger(2);
    List<String> seenMeanwhile = new ArrayList<>();

    boolean written =
        hold.write(
            taskId,
            "/out",
            "/out/type/vol",
            () -> {
              store
                  .tasks()
                  .holds(chunk.task().jobId(), 5)
                  .forEach(h -> seenMeanwhile.add(h.reason()));
              if (refusals.getAndDecrement() > 0) throw new IOException("No space left on device");
            },
            () -> false);

    assertThat(written).isTrue();
    assertThat(seenMeanwhile)
        .as("the hold as job status sees it during the retries")
        .contains("output /out/type/vol cannot be written: No space left on device");
    assertThat(store.tasks().holds(chunk.task().jobId(), 5)).as("released").isEmpty();
  }

  @Test
  void otherFailuresAreThrownAtOnceAndACancelOrTheLimitEndsAHold() throws Exception {
    PageChunk chunk = chunk(1);
    long taskId = chunk.task().taskId();
    OutputHold hold = new OutputHold(store.tasks(), "w", Duration.ofHours(1));
    OutputHold.Write full =
        () -> {
          throw new IOException("No space left on device");
        };

    assertThatThrownBy(
            () ->
                hold.write(
                    taskId,
                    "/out",
                    "/out/v",
                    () -> {
                      throw new IOException("Connection reset");
                    },
                    () -> false))
        .hasMessage("Connection reset");
    assertThat(hold.write(taskId, "/out", "/out/v", full, () -> true)).as("canceled").isFalse();
    assertThatThrownBy(
            () ->
                new OutputHold(store.tasks(), "w", Duration.ZERO)
                    .write(taskId, "/out", "/out/v", full, () -> false))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.OUTPUT_UNWRITABLE);
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getOriginalMessage()).contains("/out/v").contains("No space left");
            });
  }
}
