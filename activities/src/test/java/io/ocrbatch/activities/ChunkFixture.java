package io.ocrbatch.activities;

import io.ocrbatch.activities.engines.OcrEngines;
import io.ocrbatch.activities.image.BadImageException;
import io.ocrbatch.activities.image.ImageDecoder;
import io.ocrbatch.activities.samples.PageRenderer;
import io.ocrbatch.activities.samples.SampleTexts;
import io.ocrbatch.activities.statusdb.JobStore;
import io.ocrbatch.activities.statusdb.NewJob;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.storage.Storage;
import io.ocrbatch.activities.storage.StorageSettings;
import io.ocrbatch.workflows.JobTypeSpec;
import io.ocrbatch.workflows.PageChunk;
import io.ocrbatch.workflows.RetrySettings;
import io.ocrbatch.workflows.VolumeRef;
import io.ocrbatch.workflows.VolumeTask;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;

/**
 * A chunk of rendered English pages in a job of the real status store, and the page activity over
 * real Tesseract with a decoder that notes each page it decodes, runs a hook before some, and
 * "kills the worker" on others (an Error no page handler catches).
 */
final class ChunkFixture {
  final List<String> decoded = new CopyOnWriteArrayList<>();
  final Set<String> crashOn = ConcurrentHashMap.newKeySet();
  final Map<String, Runnable> beforeDecoding = new ConcurrentHashMap<>();
  private final StatusStore store;
  private final Path dir;
  private final ImageDecoder decoder =
      new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS) {
        @Override
        public BufferedImage decodeGray(Path file, int index, int dpi, String page)
            throws BadImageException {
          String name = file.getFileName().toString();
          if (crashOn.remove(name)) throw new OutOfMemoryError("simulated worker death on " + name);
          beforeDecoding.getOrDefault(name, () -> {}).run();
          decoded.add(name);
          return super.decodeGray(file, index, dpi, page);
        }
      };

  ChunkFixture(StatusStore store, Path dir) {
    this.store = store;
    this.dir = dir;
  }

  OcrActivitiesImpl activitiesOver(StatusStore statusStore) {
    return new OcrActivitiesImpl(
        new OcrEngines(OcrEngines.tessdataFromEnvironment()),
        decoder,
        new Storage(StorageSettings.fromEnvironment()),
        statusStore,
        "test-worker");
  }

  /**
   * Pages {@code p1.png … pN.png} (and {@code corrupt} files of garbage) in a new job's one volume;
   * results go to {@code <dir>/out}.
   */
  PageChunk chunk(int pages, String... corrupt) throws Exception {
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
            RetrySettings.defaults(),
            null);
    List<String> all = new ArrayList<>(names);
    all.addAll(List.of(corrupt));
    return new PageChunk(task, dir.resolve("out").toString(), 0, all);
  }
}
