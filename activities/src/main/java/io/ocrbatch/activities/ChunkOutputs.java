package io.ocrbatch.activities;

import io.ocrbatch.activities.image.PageRef;
import io.ocrbatch.activities.output.PageOutputs;
import io.ocrbatch.activities.output.format.PageWriter;
import io.ocrbatch.activities.storage.ResultFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A chunk's pages' result files, looked up once when the chunk starts (its own pages' names, not
 * the whole folder: a 30,000-page volume holds 60,000+ results): which pages are done, which were
 * OCRed but lack a format, which image to download next.
 */
final class ChunkOutputs {
  private final ResultFolder folder;
  private final List<String> pages;
  private final List<String> formats;
  private final Instant redoBefore;
  private final Map<String, Instant> existing;

  /**
   * @param redoBefore for a job that redoes older results ({@code --force}): results written before
   *     this do not count; else null
   */
  ChunkOutputs(
      ResultFolder folder,
      String volumeId,
      List<String> pages,
      List<String> formats,
      Instant redoBefore) {
    this.folder = folder;
    this.pages = pages;
    this.formats = formats;
    this.redoBefore = redoBefore;
    List<String> names =
        pages.stream().flatMap(p -> PageOutputs.fileNames(p, formats).stream()).toList();
    try {
      this.existing = folder.files(names);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot list the results of volume '" + volumeId + "'", e); // retryable
    }
  }

  ResultFolder folder() {
    return folder;
  }

  PageOutputs of(int page) {
    return new PageOutputs(folder, pages.get(page), formats);
  }

  /** Every format of the page is written. */
  boolean done(int page) {
    return of(page).done(existing, redoBefore);
  }

  /** The page was OCRed (its JSON is there), though it may lack a format. */
  boolean recognised(int page) {
    return of(page).recognised(existing, redoBefore);
  }

  /** The formats an OCRed page lacks. */
  List<PageWriter> missing(int page) {
    return of(page).missing(existing, redoBefore);
  }

  /** The chunk's pages that were OCRed. */
  List<String> recognisedPages() {
    return pages.stream()
        .filter(p -> new PageOutputs(folder, p, formats).recognised(existing, redoBefore))
        .toList();
  }

  /**
   * The image file of the next page after {@code page} that still needs OCR, to download ahead (a
   * page that only lacks a format needs no image); null when there is none.
   */
  String nextToFetch(int page) {
    for (int n = page + 1; n < pages.size(); n++) {
      if (!recognised(n)) return PageRef.parse(pages.get(n)).file();
    }
    return null;
  }
}
