package io.ocrbatch.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocrbatch.activities.engines.OcrEngines;
import io.ocrbatch.activities.image.BadImageException;
import io.ocrbatch.activities.image.ImageDecoder;
import io.ocrbatch.activities.samples.PageRenderer;
import io.ocrbatch.activities.samples.SampleTexts;
import io.ocrbatch.activities.statusdb.Database;
import io.ocrbatch.activities.statusdb.JobStore;
import io.ocrbatch.activities.statusdb.NewJob;
import io.ocrbatch.activities.statusdb.PageRowStore.PageMetric;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.statusdb.TaskStore;
import io.ocrbatch.activities.storage.Storage;
import io.ocrbatch.activities.storage.StorageSettings;
import io.ocrbatch.activities.testing.FullDisk;
import io.ocrbatch.activities.testing.OutputChecks;
import io.ocrbatch.activities.testing.TcpProxy;
import io.ocrbatch.activities.testing.TestDatabases;
import io.ocrbatch.workflows.ChunkResult;
import io.ocrbatch.workflows.JobTypeSpec;
import io.ocrbatch.workflows.OcrActivities;
import io.ocrbatch.workflows.PageChunk;
import io.ocrbatch.workflows.RetrySettings;
import io.ocrbatch.workflows.VolumeRef;
import io.ocrbatch.workflows.VolumeTask;
import io.temporal.testing.TestActivityEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page activity with real Tesseract, real files and the real status store. */
class OcrActivitiesImplTest {
  private static TestDatabases.Fresh db;
  private static StatusStore store;
  @TempDir Path dir;
  private TestActivityEnvironment env;
  private final List<String> decoded = new CopyOnWriteArrayList<>();
  private final Set crashOn = new Set();
  private final Map<String, Runnable> beforeDecoding = new ConcurrentHashMap<>();
  private ImageDecoder counting;

  /** Pages whose decoding "kills the worker" once (an Error no page handler catches). */
  static final class Set {
    final java.util.Set<String> names = ConcurrentHashMap.newKeySet();
  }

  @BeforeAll
  static void database() {
    db = TestDatabases.fresh();
    store = StatusStore.over(db.database().jdbc());
  }

  @AfterAll
  static void dropDatabase() {
    db.close();
  }

  @BeforeEach
  void setUp() {
    env = TestActivityEnvironment.newInstance();
    counting =
        new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS) {
          @Override
          public BufferedImage decodeGray(Path file, int index, int dpi) throws BadImageException {
            String name = file.getFileName().toString();
            if (crashOn.names.remove(name))
              throw new OutOfMemoryError("simulated worker death on " + name);
            beforeDecoding.getOrDefault(name, () -> {}).run();
            decoded.add(name);
            return super.decodeGray(file, index, dpi);
          }
        };
    env.registerActivitiesImplementations(activitiesOver(store));
  }

  private OcrActivitiesImpl activitiesOver(StatusStore statusStore) {
    return new OcrActivitiesImpl(
        new OcrEngines(OcrEngines.tessdataFromEnvironment()),
        counting,
        new Storage(StorageSettings.fromEnvironment()),
        statusStore,
        "test-worker");
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  private PageChunk chunk(int pages, String... corrupt) throws Exception {
    Path volume = Files.createDirectories(dir.resolve("vol"));
    List<String> names = new ArrayList<>();
    List<String> words = SampleTexts.englishWords(pages * 20);
    PageRenderer renderer = new PageRenderer(PageRenderer.DEJAVU_SERIF, 46f, 1200, 260);
    for (int i = 1; i <= pages; i++) {
      String name = "p" + i + ".png";
      ImageIO.write(renderer.render(words, " ", 1.3).image(), "png", volume.resolve(name).toFile());
      names.add(name);
    }
    for (String name : corrupt) Files.writeString(volume.resolve(name), "garbage");
    long typeId = store.jobTypes().byName("tesseract-eng").orElseThrow().id();
    VolumeRef ref = new VolumeRef("vol", volume.toUri().toString());
    JobStore.Created job =
        store
            .jobs()
            .create(
                new NewJob(
                    "T" + System.nanoTime(), typeId, dir.toString(), 1, 300, 10, 3, List.of(ref)));
    long taskId = store.tasks().tasksAfter(job.job().id(), 0, 1).get(0).taskId();
    JobTypeSpec eng = store.jobTypes().byId(typeId).orElseThrow();
    VolumeTask task =
        new VolumeTask(
            job.job().id(),
            job.job().jobKey(),
            taskId,
            ref,
            eng,
            dir.toString(),
            300,
            10,
            RetrySettings.defaults());
    List<String> all = new ArrayList<>(names);
    all.addAll(List.of(corrupt));
    return new PageChunk(task, dir.resolve("out").toString(), 0, all);
  }

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
    crashOn.names.add("p3.png");

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
              assertThat(p.error()).contains("image file not found").contains("p2.png");
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
            t.retry());

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
      outage.registerActivitiesImplementations(activitiesOver(StatusStore.over(viaProxy.jdbc())));
      AtomicReference<Object> lastHeartbeat = new AtomicReference<>();
      outage.setActivityHeartbeatListener(Integer.class, lastHeartbeat::set);
      beforeDecoding.put("p2.png", proxy::cut); // the database goes down while p2 is OCRed

      assertThatThrownBy(() -> outage.newActivityStub(OcrActivities.class).ocrChunk(chunk))
          .as("the attempt fails: the rows could not be written")
          .hasMessageContaining("database error");
      assertThat(Path.of(chunk.outputDir(), "p2.json"))
          .as("p2's result was written before its row")
          .exists();
      assertThat(store.pageRows().pages(chunk.task().taskId()))
          .as("rows go in batches: none of this attempt's reached the database")
          .isEmpty();

      beforeDecoding.clear();
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
            t.retry());
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
