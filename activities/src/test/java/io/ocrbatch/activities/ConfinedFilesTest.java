package io.ocrbatch.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocrbatch.activities.engines.OcrEngines;
import io.ocrbatch.activities.image.ImageDecoder;
import io.ocrbatch.activities.registry.OcrStepRecorder;
import io.ocrbatch.activities.registry.RegistryFiles;
import io.ocrbatch.activities.samples.PageRenderer;
import io.ocrbatch.activities.samples.SampleTexts;
import io.ocrbatch.activities.statusdb.JobStore;
import io.ocrbatch.activities.statusdb.NewJob;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.storage.Storage;
import io.ocrbatch.activities.storage.StorageSettings;
import io.ocrbatch.activities.testing.TestDatabases;
import io.ocrbatch.workflows.AllowedRoots;
import io.ocrbatch.workflows.ChunkResult;
import io.ocrbatch.workflows.OcrActivities;
import io.ocrbatch.workflows.PageChunk;
import io.ocrbatch.workflows.RetrySettings;
import io.ocrbatch.workflows.VolumeActivities;
import io.ocrbatch.workflows.VolumeListing;
import io.ocrbatch.workflows.VolumeRef;
import io.ocrbatch.workflows.VolumeTask;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job confined to roots (one submitted over HTTP) is judged when each file is read or written,
 * not only at submission: a folder swapped for a symbolic link after the job was accepted leads
 * nowhere outside, and the refusal names no server path.
 */
class ConfinedFilesTest {
  private static TestDatabases.Fresh db;
  private static StatusStore store;
  @TempDir Path dir;
  private Path root;
  private Path outside;
  private TestActivityEnvironment env;
  private Storage storage;

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
  void setUp() throws Exception {
    root = Files.createDirectories(dir.resolve("root"));
    outside = Files.createDirectories(dir.resolve("outside"));
    page(outside.resolve("p1.png"));
    Files.createDirectories(root.resolve("vol"));
    page(root.resolve("vol/p1.png"));
    storage = new Storage(StorageSettings.from(java.util.Map.of()));
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new VolumeActivitiesImpl(storage, store),
        new OcrActivitiesImpl(
            new OcrEngines(OcrEngines.tessdataFromEnvironment()),
            new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS),
            storage,
            store,
            "confined-test"));
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  private static void page(Path file) throws Exception {
    PageRenderer renderer = new PageRenderer(PageRenderer.DEJAVU_SERIF, 40f, 600, 120);
    ImageIO.write(
        renderer.render(SampleTexts.englishWords(6), " ", 1.3).image(), "png", file.toFile());
  }

  /** A volume task of a job recorded in the store; confined to {@code root} unless told not. */
  private VolumeTask task(boolean confined) {
    long typeId = store.jobTypes().byName("tesseract-eng").orElseThrow().id();
    VolumeRef ref = new VolumeRef("vol", root.resolve("vol").toUri().toString());
    AllowedRoots roots =
        confined ? new AllowedRoots(List.of(root.toString()), List.of(root.toString())) : null;
    String output = root.resolve("out").toString();
    JobStore.Created job =
        store
            .jobs()
            .create(
                new NewJob(
                    "C" + System.nanoTime(),
                    typeId,
                    output,
                    1,
                    300,
                    10,
                    3,
                    List.of(ref),
                    3,
                    null,
                    false,
                    false,
                    roots));
    assertThat(store.jobs().byId(job.job().id()).orElseThrow().roots()).isEqualTo(roots);
    long taskId = store.tasks().tasksAfter(job.job().id(), 0, 1).get(0).taskId();
    return new VolumeTask(
        job.job().id(),
        job.job().jobKey(),
        taskId,
        ref,
        store.jobTypes().byId(typeId).orElseThrow(),
        output,
        300,
        10,
        RetrySettings.defaults(),
        roots);
  }

  /** The volume folder, real when the job was accepted, becomes a link to a folder outside. */
  private void swapVolumeForALinkOutside() throws Exception {
    Files.move(root.resolve("vol"), dir.resolve("vol-was"));
    Files.createSymbolicLink(root.resolve("vol"), outside);
  }

  @Test
  void aVolumeFolderSwappedForALinkAfterSubmissionIsRefusedWhenListed() throws Exception {
    VolumeTask task = task(true);
    swapVolumeForALinkOutside();

    assertThatThrownBy(() -> env.newActivityStub(VolumeActivities.class).listPages(task))
        .hasStackTraceContaining("VolumeNotProcessable")
        .hasStackTraceContaining(
            "volume 'vol' leads outside the folders this job may read (a symbolic link?)")
        .satisfies(e -> assertThat(e.toString()).doesNotContain(dir.toString()));
  }

  @Test
  void aFolderSwappedAfterListingFailsEachPageAsItIsRead() throws Exception {
    VolumeTask task = task(true);
    VolumeListing listing = env.newActivityStub(VolumeActivities.class).listPages(task);
    swapVolumeForALinkOutside();

    ChunkResult result =
        env.newActivityStub(OcrActivities.class)
            .ocrChunk(new PageChunk(task, listing.outputDir(), 0, listing.pages()));

    assertThat(result).isEqualTo(new ChunkResult(0, 0, 1));
    assertThat(store.pageRows().pages(task.taskId()))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.error())
                    .isEqualTo(
                        "'p1.png' leads outside the folders this job may read (a symbolic link?)"));
    assertThat(Path.of(listing.outputDir(), "p1.txt")).doesNotExist();
  }

  @Test
  void aResultFolderSwappedForALinkAfterSubmissionIsNeverWritten() throws Exception {
    VolumeTask task = task(true);
    VolumeListing listing = env.newActivityStub(VolumeActivities.class).listPages(task);
    Files.createSymbolicLink(root.resolve("out"), outside);

    assertThatThrownBy(
            () ->
                env.newActivityStub(OcrActivities.class)
                    .ocrChunk(new PageChunk(task, listing.outputDir(), 0, listing.pages())))
        .hasStackTraceContaining("VolumeNotProcessable")
        .hasStackTraceContaining(
            "result folder 'vol' leads outside the folders this job may write (a symbolic link?)");
    try (var written = Files.walk(outside)) {
      assertThat(written.filter(Files::isRegularFile)).containsExactly(outside.resolve("p1.png"));
    }
  }

  @Test
  void itsRegistryFilesAreNotWrittenThroughALinkOutsideEither() throws Exception {
    VolumeTask task = task(true);
    Files.createSymbolicLink(root.resolve("out"), outside);

    new OcrStepRecorder(store, storage).finished(task.jobId());

    assertThat(outside.resolve(RegistryFiles.FOLDER)).doesNotExist();
  }

  @Test
  void aJobOfTheServersOwnUserStillFollowsLinks() throws Exception {
    VolumeTask task = task(false);
    swapVolumeForALinkOutside();

    VolumeListing listing = env.newActivityStub(VolumeActivities.class).listPages(task);

    assertThat(listing.pages()).containsExactly("p1.png");
  }
}
