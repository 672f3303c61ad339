package io.ocrbatch.activities;

import io.ocrbatch.activities.image.BadImageException;
import io.ocrbatch.activities.metrics.OcrMetrics;
import io.ocrbatch.activities.storage.PageFile;
import io.ocrbatch.activities.storage.VolumeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * Gets a chunk's image files in page order, downloading the next one while the current page is
 * OCRed. Downloads run on the worker's shared download threads, which bound how many run at once.
 * The current file stays open while consecutive pages (PDF pages, TIFF frames) use it.
 */
final class PageFetcher implements AutoCloseable {
  private final VolumeSource source;
  private final ExecutorService downloads;
  private final OcrMetrics meters;
  private final Map<String, CompletableFuture<PageFile>> ahead = new LinkedHashMap<>();
  private String currentName;
  private PageFile current;

  PageFetcher(VolumeSource source, ExecutorService downloads) {
    this(source, downloads, OcrMetrics.none());
  }

  PageFetcher(VolumeSource source, ExecutorService downloads, OcrMetrics meters) {
    this.source = source;
    this.downloads = downloads;
    this.meters = meters;
  }

  /** The file {@code name}, starting the download of {@code nextName} (may be null) meanwhile. */
  PageFile get(String name, String nextName) throws IOException, BadImageException {
    if (!name.equals(currentName)) {
      closeCurrent();
      CompletableFuture<PageFile> pending = ahead.remove(name);
      current = pending != null ? await(pending) : fetch(name);
      currentName = name; // only once fetched: a failed file is tried again for its next page
    }
    if (source.remote()
        && nextName != null
        && !nextName.equals(name)
        && !ahead.containsKey(nextName)) {
      ahead.put(nextName, CompletableFuture.supplyAsync(() -> fetchUnchecked(nextName), downloads));
    }
    return current;
  }

  private PageFile fetch(String name) throws IOException, BadImageException {
    long started = System.nanoTime();
    PageFile file = source.fetch(name);
    meters.imageFetched(source.remote(), java.time.Duration.ofNanos(System.nanoTime() - started));
    return file;
  }

  private PageFile fetchUnchecked(String name) {
    try {
      return fetch(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (BadImageException e) {
      throw new CompletionException(e);
    }
  }

  private static PageFile await(CompletableFuture<PageFile> pending)
      throws IOException, BadImageException {
    try {
      return pending.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof BadImageException bad) throw bad;
      if (cause instanceof UncheckedIOException io) throw io.getCause();
      if (cause instanceof RuntimeException runtime) throw runtime;
      throw e;
    }
  }

  private void closeCurrent() {
    if (current != null) current.close();
    current = null;
    currentName = null;
  }

  @Override
  public void close() {
    closeCurrent();
    for (CompletableFuture<PageFile> pending : ahead.values()) {
      pending.thenAccept(PageFile::close); // a download still running is deleted when it lands
    }
    ahead.clear();
  }
}
