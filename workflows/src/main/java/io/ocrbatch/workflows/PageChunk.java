package io.ocrbatch.workflows;

import java.util.List;

/**
 * A slice of a volume's pages that one heartbeating activity OCRs.
 *
 * @param contract what the volume understands of the chunk's answer: {@link #PAGES_STOP} (a paused
 *     job's chunk stops before its next page, {@link ChunkResult#paused}; an image that cannot be
 *     had is {@link ChunkResult#missing}), or 0 (histories recorded before: pages go on through a
 *     pause, and such an image is a failed page)
 */
public record PageChunk(
    VolumeTask task, String outputDir, int firstPageIndex, List<String> pages, int contract) {

  /** The chunk may stop for a pause and report missing images (see {@link #contract}). */
  public static final int PAGES_STOP = 1;

  public PageChunk(VolumeTask task, String outputDir, int firstPageIndex, List<String> pages) {
    this(task, outputDir, firstPageIndex, pages, 0);
  }

  public boolean pagesStop() {
    return contract >= PAGES_STOP;
  }

  /** The chunk's last {@code count} pages, as a chunk of their own. */
  public PageChunk last(int count) {
    int from = pages.size() - count;
    return new PageChunk(
        task,
        outputDir,
        firstPageIndex + from,
        List.copyOf(pages.subList(from, pages.size())),
        contract);
  }
}
