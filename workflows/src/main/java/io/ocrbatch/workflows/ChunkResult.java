package io.ocrbatch.workflows;

/**
 * What a chunk did: pages OCRed now, pages found already done, pages that failed for their image's
 * sake (undecodable, over the limits), pages left untouched because the job was canceled, pages
 * left untouched because the job was paused (the chunk's last ones: its volume runs them at
 * resume), and pages whose image could not be read (missing, forbidden, unreadable: the volume is
 * not complete without them). Histories recorded before {@code paused} and {@code missing} existed
 * read them as 0.
 */
public record ChunkResult(
    int ocred, int skipped, int failed, int interrupted, int paused, int missing) {

  public static final ChunkResult EMPTY = new ChunkResult(0, 0, 0, 0, 0, 0);
  public static final ChunkResult OCRED = new ChunkResult(1, 0, 0);
  public static final ChunkResult SKIPPED = new ChunkResult(0, 1, 0);
  public static final ChunkResult FAILED = new ChunkResult(0, 0, 1);
  public static final ChunkResult MISSING = new ChunkResult(0, 0, 0, 0, 0, 1);

  public ChunkResult(int ocred, int skipped, int failed) {
    this(ocred, skipped, failed, 0, 0, 0);
  }

  public ChunkResult(int ocred, int skipped, int failed, int interrupted) {
    this(ocred, skipped, failed, interrupted, 0, 0);
  }

  /** The chunk's last {@code pages} pages were left because the job was canceled. */
  public static ChunkResult canceled(int pages) {
    return new ChunkResult(0, 0, 0, pages, 0, 0);
  }

  /** The chunk's last {@code pages} pages were left because the job was paused. */
  public static ChunkResult paused(int pages) {
    return new ChunkResult(0, 0, 0, 0, pages, 0);
  }

  public ChunkResult plus(ChunkResult other) {
    return new ChunkResult(
        ocred + other.ocred,
        skipped + other.skipped,
        failed + other.failed,
        interrupted + other.interrupted,
        paused + other.paused,
        missing + other.missing);
  }

  /** The counts without the paused pages (once they have been run again). */
  public ChunkResult withoutPaused() {
    return new ChunkResult(ocred, skipped, failed, interrupted, 0, missing);
  }

  public int succeeded() {
    return ocred + skipped;
  }
}
