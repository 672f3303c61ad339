package io.ocrbatch.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocrbatch.activities.statusdb.Database;
import io.ocrbatch.activities.statusdb.PageRowStore.PageMetric;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.testing.OutputChecks;
import io.ocrbatch.activities.testing.TcpProxy;
import io.ocrbatch.workflows.ChunkResult;
import io.ocrbatch.workflows.JobTypeSpec;
import io.ocrbatch.workflows.OcrActivities;
import io.ocrbatch.workflows.PageChunk;
import io.ocrbatch.workflows.VolumeTask;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The page activity with real Tesseract, real files and the real status store. */
class OcrActivitiesImplTest extends PageActivityTestBase {
  @Test
  void ocrsEveryPageAndABadPageFailsAloneWithItsReasonRecorded() throws Exception {
    PageChunk chunk = chunk(2, "broken.png");
    ChunkResult result = env.newActivityStub(OcrActivities.class).ocrChunk(chunk);

    assertThat(result).isEqualTo(new ChunkResult(2, 0, 1));
    assertThat(Path.of(chunk.outputDir(), "p1.txt")).content().contains("reading room");
    assertThat(Path.of(chunk.outputDir(), "p2.json")).exists();
    assertThat(Path.of(chunk.outputDir(), "broken.json")).doesNotExist();
    assertThat(store.pageRows().pages(chunk.task().taskId()))
        .filteredOn(p -> !p.ok())
        .singleElement()
        .satisfies(
            p -> assertThat(p.error()).contains("broken.png").contains("not a supported image"));
  }

  @Test
  void aRetryResumesAfterTheLastHeartbeatedPageAndRedoesNoFinishedPage() throws Exception {
    PageChunk chunk = chunk(4);
    AtomicReference<Object> lastHeartbeat = new AtomicReference<>();
    env.setActivityHeartbeatListener(Integer.class, lastHeartbeat::set);
    fixture.crashOn.add("p3.png");

    assertThatThrownBy(() -> env.newActivityStub(OcrActivities.class).ocrChunk(chunk))
        .hasStackTraceContaining("simulated worker death");
    // Heartbeats are throttled, so the last one Temporal kept may lag the last finished page;
    // pages finished after it are still skipped because their outputs exist.
    assertThat(lastHeartbeat.get()).isIn(0, 1);
    assertThat(decoded).containsExactly("p1.png", "p2.png");

    env.setHeartbeatDetails(lastHeartbeat.get()); // what Temporal hands the next attempt
    ChunkResult retry = env.newActivityStub(OcrActivities.class).ocrChunk(chunk);

    assertThat(decoded).containsExactly("p1.png", "p2.png", "p3.png", "p4.png");
    assertThat(retry).isEqualTo(new ChunkResult(2, 2, 0));
    assertCountersExact(chunk, 4);
  }

  /** The job's kept counters: each page once, as a count of the rows says. */
  private static void assertCountersExact(PageChunk chunk, int pagesOk) {
    var counts = store.progress().counts(chunk.task().jobId());
    assertThat(counts.pagesOk()).isEqualTo(pagesOk);
    assertThat(counts.pagesFailed()).isZero();
    assertThat(counts.pagesOk())
        .isEqualTo(store.progress().recount(chunk.task().jobId()).pagesOk());
  }

  @Test
  void aJobTypeWithoutTxtGetsOnlyTheJsonOutput() throws Exception {
    PageChunk chunk = chunk(1);
    VolumeTask t = chunk.task();
    JobTypeSpec jsonOnly =
        new JobTypeSpec(
            t.jobType().id(),
            t.jobType().name(),
            "tesseract",
            "eng",
            "eng",
            "unicode",
            "auto",
            List.of("json"));
    VolumeTask task =
        new VolumeTask(
            t.jobId(),
            t.jobKey(),
            t.taskId(),
            t.volume(),
            jsonOnly,
            t.outputRoot(),
            t.dpi(),
            t.pagesPerChunk(),
            t.retry(),
            null);

    env.newActivityStub(OcrActivities.class)
        .ocrChunk(new PageChunk(task, chunk.outputDir(), 0, chunk.pages()));

    assertThat(Path.of(chunk.outputDir(), "p1.json")).exists();
    assertThat(Path.of(chunk.outputDir(), "p1.txt")).doesNotExist();
  }

  @Test
  void aCanceledJobStopsTheChunkBeforeItsNextPage() throws Exception {
    PageChunk chunk = chunk(3);
    store.jobs().requestCancel(chunk.task().jobId());

    ChunkResult result = env.newActivityStub(OcrActivities.class).ocrChunk(chunk);

    assertThat(result).isEqualTo(new ChunkResult(0, 0, 0, 3));
    assertThat(decoded).isEmpty();
  }

  @Test
  void pagesWhoseOutputsExistAreSkippedEvenWithoutHeartbeatDetails() throws Exception {
    PageChunk chunk = chunk(2);
    env.newActivityStub(OcrActivities.class).ocrChunk(chunk);
    decoded.clear();

    ChunkResult again = env.newActivityStub(OcrActivities.class).ocrChunk(chunk);

    assertThat(decoded).isEmpty();
    assertThat(again).isEqualTo(new ChunkResult(0, 2, 0));
  }

  @Test
  void aPageWhoseStatusRowCannotBeWrittenIsNotDoneAndItsOutputIsRecordedOnTheRetry()
      throws Exception {
    PageChunk chunk = chunk(3);
    String url = db.database().url();
    try (TcpProxy proxy = TcpProxy.forJdbcUrl(url);
        Database viaProxy = Database.connect(proxy.jdbcUrl(url), null, null, 4)) {
      TestActivityEnvironment outage = TestActivityEnvironment.newInstance();
      outage.registerActivitiesImplementations(
          fixture.activitiesOver(StatusStore.over(viaProxy.jdbc())));
      AtomicReference<Object> lastHeartbeat = new AtomicReference<>();
      outage.setActivityHeartbeatListener(Integer.class, lastHeartbeat::set);
      fixture.beforeDecoding.put("p2.png", proxy::cut); // the database goes down while p2 is OCRed

      assertThatThrownBy(() -> outage.newActivityStub(OcrActivities.class).ocrChunk(chunk))
          .as("the attempt fails: the rows could not be written")
          .hasMessageContaining("database error");
      assertThat(Path.of(chunk.outputDir(), "p2.json"))
          .as("p2's result was written before its row")
          .exists();
      assertThat(store.pageRows().pages(chunk.task().taskId()))
          .as("rows go in batches: none of this attempt's reached the database")
          .isEmpty();

      fixture.beforeDecoding.clear();
      proxy.restore(); // the database is back; Temporal retries the activity after its backoff (2 s
      // at first)
      Thread.sleep(
          1_000); // (the pool checks a connection idle that long before lending it: the cut ones
      // are dropped)
      if (lastHeartbeat.get() != null) outage.setHeartbeatDetails(lastHeartbeat.get());
      ChunkResult retry = outage.newActivityStub(OcrActivities.class).ocrChunk(chunk);
      outage.close();

      assertThat(decoded)
          .as("p2 was not OCRed again")
          .containsExactly("p1.png", "p2.png", "p3.png");
      assertThat(retry.ocred() + retry.skipped()).isEqualTo(3);
      List<PageMetric> rows = store.pageRows().pages(chunk.task().taskId());
      assertThat(rows)
          .extracting(PageMetric::imageName)
          .containsExactly("p1.png", "p2.png", "p3.png");
      assertThat(rows).allSatisfy(r -> assertThat(r.ok()).isTrue());
      int p2Lines =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(Path.of(chunk.outputDir(), "p2.json").toFile())
              .path("lines")
              .size();
      assertThat(rows.get(1).linesDetected())
          .as("p2's row is read from its output")
          .isEqualTo(p2Lines)
          .isPositive();
      assertCountersExact(chunk, 3);
    }
  }

  @Test
  void aPageMissingOneRequestedFormatGetsThatFormatOnlyWithoutOcr() throws Exception {
    PageChunk chunk = chunk(2);
    assertThat(env.newActivityStub(OcrActivities.class).ocrChunk(chunk))
        .isEqualTo(new ChunkResult(2, 0, 0));
    Path json = Path.of(chunk.outputDir(), "p1.json");
    Path txt = Path.of(chunk.outputDir(), "p2.txt");
    byte[] jsonBefore = Files.readAllBytes(json);
    var jsonWritten = Files.getLastModifiedTime(json);
    var txtWritten = Files.getLastModifiedTime(txt);
    Files.delete(Path.of(chunk.outputDir(), "p1.txt"));
    Thread.sleep(20);
    decoded.clear();

    JobTypeSpec type = chunk.task().jobType();
    JobTypeSpec withMarkdown =
        new JobTypeSpec(
            type.id(),
            type.name(),
            type.engine(),
            type.model(),
            type.language(),
            type.encoding(),
            type.lineMode(),
            List.of("txt", "json", "page", "alto", "hocr", "md"),
            type.queue());
    VolumeTask t = chunk.task();
    VolumeTask task =
        new VolumeTask(
            t.jobId(),
            t.jobKey(),
            t.taskId(),
            t.volume(),
            withMarkdown,
            t.outputRoot(),
            t.dpi(),
            t.pagesPerChunk(),
            t.retry(),
            null);
    ChunkResult again =
        env.newActivityStub(OcrActivities.class)
            .ocrChunk(new PageChunk(task, chunk.outputDir(), 0, chunk.pages()));

    assertThat(again).as("both pages were OCRed before").isEqualTo(new ChunkResult(0, 2, 0));
    assertThat(Path.of(chunk.outputDir(), "p1.txt")).content().contains("reading room");
    assertThat(Path.of(chunk.outputDir(), "p1.md")).content().contains("reading room");
    assertThat(Path.of(chunk.outputDir(), "p2.md")).exists();
    assertThat(decoded).as("no image decoded: the formats come from the JSON").isEmpty();
    OutputChecks.validPageXml(Path.of(chunk.outputDir(), "p1.xml"));
    OutputChecks.validAlto(Path.of(chunk.outputDir(), "p2.alto.xml"));
    assertThat(String.join(" ", OutputChecks.hocrWords(Path.of(chunk.outputDir(), "p1.hocr"))))
        .contains("reading room");
    assertThat(Files.readAllBytes(json))
        .as("the JSON (the OCR result) is not rewritten")
        .isEqualTo(jsonBefore);
    assertThat(Files.getLastModifiedTime(json)).isEqualTo(jsonWritten);
    assertThat(Files.getLastModifiedTime(txt))
        .as("formats already there are not rewritten")
        .isEqualTo(txtWritten);
  }
}
