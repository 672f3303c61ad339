package io.ocrbatch.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.statusdb.PageRowStore.PageMetric;
import io.ocrbatch.activities.statusdb.TaskStore;
import io.ocrbatch.activities.testing.FullDisk;
import io.ocrbatch.workflows.ChunkResult;
import io.ocrbatch.workflows.OcrActivities;
import io.ocrbatch.workflows.PageChunk;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What stops, holds or redoes a chunk's pages, with real Tesseract, files and status store: a
 * paused job, an output disk that is full, an image gone since the listing, pages found bad before.
 */
class ChunkControlTest extends PageActivityTestBase {
  @Test
  void pagesThisTaskFoundBadBeforeAreNotTriedAgainButUnreadableOnesAre() throws Exception {
    PageChunk chunk = chunk(3);
    long task = chunk.task().taskId();
    // an earlier attempt: p1 was undecodable, p2's image could not be read (missing for a while)
    store
        .pageRows()
        .recordPages(
            task,
            List.of(
                new PageMetric("p1.png", false, 5, 0, null, "p1.png: cannot decode image", null),
                new PageMetric("p2.png", false, 5, 0, null, "image not found", null, true)),
            "earlier");
    env.setHeartbeatDetails(1); // and heartbeated after p2

    ChunkResult result = env.newActivityStub(OcrActivities.class).ocrChunk(chunk);

    assertThat(decoded).containsExactly("p2.png", "p3.png");
    assertThat(result).isEqualTo(new ChunkResult(2, 0, 1));
  }

  @Test
  void anImageGoneSinceTheListingIsMissingNotFailedAndItsRowSaysToRedoIt() throws Exception {
    PageChunk listed = chunk(3);
    Files.delete(dir.resolve("vol").resolve("p2.png")); // listed, then gone
    PageChunk chunk =
        new PageChunk(listed.task(), listed.outputDir(), 0, listed.pages(), PageChunk.PAGES_STOP);

    ChunkResult result = env.newActivityStub(OcrActivities.class).ocrChunk(chunk);

    assertThat(result).isEqualTo(new ChunkResult(2, 0, 0).plus(ChunkResult.MISSING));
    assertThat(store.pageRows().pages(chunk.task().taskId()))
        .filteredOn(p -> !p.ok())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.redo()).isTrue();
              assertThat(p.error()).isEqualTo("image file 'p2.png' not found"); // no server path
            });
    assertThat(
            env.newActivityStub(OcrActivities.class)
                .ocrChunk(new PageChunk(listed.task(), listed.outputDir(), 0, listed.pages())))
        .as("a volume of histories recorded before counts it failed, as then")
        .isEqualTo(new ChunkResult(0, 2, 1));
  }

  @Test
  void aPausedJobStopsTheChunkBeforeItsNextPageWhenItsVolumeUnderstandsPauses() throws Exception {
    PageChunk listed = chunk(3);
    long jobId = listed.task().jobId();
    store.jobs().markStarted(jobId);
    store.jobs().markPaused(jobId, true);
    PageChunk chunk =
        new PageChunk(listed.task(), listed.outputDir(), 0, listed.pages(), PageChunk.PAGES_STOP);

    assertThat(env.newActivityStub(OcrActivities.class).ocrChunk(chunk))
        .isEqualTo(ChunkResult.paused(3));
    assertThat(decoded).isEmpty();

    store.jobs().markPaused(jobId, false); // resumed: read at once, not after the flag's cache age
    assertThat(env.newActivityStub(OcrActivities.class).ocrChunk(chunk.last(2)))
        .isEqualTo(new ChunkResult(2, 0, 0));
    assertThat(decoded).containsExactly("p2.png", "p3.png");
  }

  @Test
  void aFullOutputDiskHoldsThePageInHandAndWritesItOnceThereIsRoom() throws Exception {
    PageChunk listed = chunk(3);
    try (FullDisk disk = FullDisk.at(dir.resolve("disk"))) {
      Path out = disk.folder().resolve("vol");
      PageChunk chunk =
          new PageChunk(listed.task(), out.toString(), 0, listed.pages(), PageChunk.PAGES_STOP);
      CompletableFuture<ChunkResult> running =
          CompletableFuture.supplyAsync(
              () -> env.newActivityStub(OcrActivities.class).ocrChunk(chunk));

      long taskId = chunk.task().taskId();
      List<TaskStore.Hold> holds = awaitHolds(chunk.task().jobId());
      assertThat(holds)
          .singleElement()
          .satisfies(
              h ->
                  assertThat(h.reason())
                      .as("the hold names the folder and the reason")
                      .contains(out.toString())
                      .contains(disk.refusal()));
      Thread.sleep(1_500); // the hold retries meanwhile (1 s, then 2 s)
      assertThat(decoded).as("the page is held, not OCRed again").containsExactly("p1.png");
      assertThat(filesUnder(disk.folder()))
          .as("nothing half-written: no .txt without .json")
          .isEmpty();

      disk.free();
      ChunkResult result = running.get(60, TimeUnit.SECONDS);

      assertThat(result).isEqualTo(new ChunkResult(3, 0, 0));
      assertThat(decoded).containsExactly("p1.png", "p2.png", "p3.png");
      assertThat(filesUnder(disk.folder()))
          .containsExactlyInAnyOrder(
              "vol/p1.txt",
              "vol/p1.json",
              "vol/p2.txt",
              "vol/p2.json",
              "vol/p3.txt",
              "vol/p3.json");
      assertThat(store.tasks().holds(chunk.task().jobId(), 5)).as("the hold is over").isEmpty();
      assertThat(taskId).isPositive();
    }
  }

  private static List<TaskStore.Hold> awaitHolds(long jobId) throws InterruptedException {
    store.tasks().started(store.tasks().tasksAfter(jobId, 0, 1).get(0).taskId(), 1, 3);
    for (int i = 0; i < 300; i++) {
      List<TaskStore.Hold> holds = store.tasks().holds(jobId, 5);
      if (!holds.isEmpty()) return holds;
      Thread.sleep(100);
    }
    throw new AssertionError("no hold recorded within 30 s");
  }

  /** Every file under {@code root} (hidden temporary files included), relative to it. */
  private static List<String> filesUnder(Path root) throws java.io.IOException {
    try (var walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).toList();
    }
  }

  @Test
  void aJobRestartedRightAfterItsCancelIsNotStoppedByTheCancelSeenBefore() throws Exception {
    PageChunk chunk = chunk(2);
    long jobId = chunk.task().jobId();
    store.jobs().requestCancel(jobId);
    assertThat(env.newActivityStub(OcrActivities.class).ocrChunk(chunk))
        .isEqualTo(ChunkResult.canceled(2));
    store.jobs().markFinished(jobId, io.ocrbatch.workflows.JobStatus.CANCELED);

    assertThat(store.queue().restart(jobId)).contains(1); // within the flag's cache age (1 s)
    assertThat(env.newActivityStub(OcrActivities.class).ocrChunk(chunk))
        .isEqualTo(new ChunkResult(2, 0, 0));
  }

  @Test
  void aPageLongerThanTheHeartbeatTimeoutIsNotTakenForADeadWorker() throws Exception {
    PageChunk chunk = chunk(2);
    fixture.beforeDecoding.put("p1.png", () -> sleep(5_000)); // 2.5 heartbeat timeouts
    try (TestWorkflowEnvironment temporal =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build())) {
      Worker worker = temporal.newWorker("chunks");
      worker.registerWorkflowImplementationTypes(OneChunkImpl.class);
      worker.registerActivitiesImplementations(fixture.activitiesOver(store));
      temporal.start();

      ChunkResult result =
          temporal
              .getWorkflowClient()
              .newWorkflowStub(
                  OneChunk.class, WorkflowOptions.newBuilder().setTaskQueue("chunks").build())
              .run(chunk);

      assertThat(result).isEqualTo(new ChunkResult(2, 0, 0));
      assertThat(decoded).containsExactly("p1.png", "p2.png");
    }
  }

  /** One chunk with a heartbeat timeout of 2 s and no retry: a timeout would fail it. */
  @WorkflowInterface
  public interface OneChunk {
    @WorkflowMethod
    ChunkResult run(PageChunk chunk);
  }

  public static class OneChunkImpl implements OneChunk {
    @Override
    public ChunkResult run(PageChunk chunk) {
      return Workflow.newActivityStub(
              OcrActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofMinutes(2))
                  .setHeartbeatTimeout(Duration.ofSeconds(2))
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                  .build())
          .ocrChunk(chunk);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
