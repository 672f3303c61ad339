package io.ocrbatch.activities;

import io.ocrbatch.activities.image.PageImages;
import io.ocrbatch.activities.ocr.OcrEngines;
import io.ocrbatch.activities.output.VolumeOutputs;
import io.ocrbatch.activities.store.MetricsStore;
import io.ocrbatch.activities.store.MetricsStore.PageMetric;
import io.ocrbatch.workflows.ChunkResult;
import io.ocrbatch.workflows.VolumeActivities;
import io.ocrbatch.workflows.VolumeListing;
import io.ocrbatch.workflows.VolumeTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public class VolumeActivitiesImpl implements VolumeActivities {
  private final MetricsStore metrics;

  public VolumeActivitiesImpl(MetricsStore metrics) {
    this.metrics = metrics;
  }

  @Override
  public VolumeListing listPages(VolumeTask task) {
    Path folder = VolumeSources.localFolder(task.volume().sourceUri());
    try {
      List<String> files = PageImages.list(folder);
      if (files.isEmpty()) {
        throw VolumeSources.notProcessable(
            "no page images (" + String.join(", ", PageImages.EXTENSIONS) + ") in volume folder " + folder);
      }
      String version = version(folder, files);
      List<String> pages = PageImages.pages(folder);
      Path outputDir = outputDir(task);
      boolean done = new VolumeOutputs(outputDir).isComplete(version, task.jobType().name());
      return new VolumeListing(task.volume().volumeId(), version, outputDir.toString(), pages, done);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list volume folder " + folder, e); // retryable
    }
  }

  static Path outputDir(VolumeTask task) {
    return Path.of(task.outputRoot()).resolve(task.jobType().name()).resolve(task.volume().volumeId());
  }

  /** A local volume's version: a digest of its image names, sizes and modification times. */
  private static String version(Path folder, List<String> files) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String name : files) {
        Path file = folder.resolve(name);
        String entry = name + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis() + "\n";
        digest.update(entry.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void writeManifest(VolumeTask task, VolumeListing listing, ChunkResult counts) {
    List<PageMetric> pages = metrics.pages(task.taskId());
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("volume", listing.volumeId());
    manifest.put("version", listing.version());
    manifest.put("source", task.volume().sourceUri());
    manifest.put("job_key", task.jobKey());
    manifest.put("job_type", task.jobType().name());
    manifest.put("engine", task.jobType().engine());
    manifest.put("model", task.jobType().model());
    manifest.put("language", task.jobType().language());
    manifest.put("encoding", task.jobType().encoding());
    manifest.put("engine_version", OcrEngines.describe(task.jobType()));
    manifest.put("ocrbatch_version", Versions.ocrbatch());
    manifest.put("dpi", task.dpi());
    manifest.put("total_pages", listing.pages().size());
    manifest.put("successful_pages", counts.succeeded());
    manifest.put("failed_pages", counts.failed());
    manifest.put("total_duration_ms", pages.stream().mapToLong(PageMetric::durationMs).sum());
    manifest.put("pages", pages.stream().map(VolumeActivitiesImpl::pageEntry).toList());
    manifest.put("written_at", Instant.now().toString());
    Map<String, Object> success = new LinkedHashMap<>();
    success.put("volume", listing.volumeId());
    success.put("version", listing.version());
    success.put("job_type", task.jobType().name());
    success.put("job_key", task.jobKey());
    success.put("total_pages", listing.pages().size());
    success.put("failed_pages", counts.failed());
    success.put("finished_at", Instant.now().toString());
    try {
      VolumeOutputs outputs = new VolumeOutputs(Path.of(listing.outputDir()));
      outputs.writeManifest(manifest);
      outputs.writeSuccess(success);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the manifest of " + listing.outputDir(), e);
    }
  }

  private static Map<String, Object> pageEntry(PageMetric page) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("image", page.imageName());
    entry.put("status", page.ok() ? "ok" : "failed");
    entry.put("duration_ms", page.durationMs());
    entry.put("lines", page.linesDetected());
    entry.put("confidence", page.confidence());
    if (page.error() != null) entry.put("error", page.error());
    return entry;
  }
}
