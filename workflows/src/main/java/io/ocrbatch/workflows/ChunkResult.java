package io.ocrbatch.workflows;

/**
 * What a chunk did: pages OCRed now, pages found already done, pages that failed, and pages left
 * untouched because the job was canceled.
 */
public record ChunkResult(int ocred, int skipped, int failed, int interrupted) {

  public static final ChunkResult EMPTY = new ChunkResult(0, 0, 0, 0);

  public ChunkResult(int ocred, int skipped, int failed) {
    this(ocred, skipped, failed, 0);
  }

  public ChunkResult plus(ChunkResult other) {
    return new ChunkResult(
        ocred + other.ocred,
        skipped + other.skipped,
        failed + other.failed,
        interrupted + other.interrupted);
  }

  public int succeeded() {
    return ocred + skipped;
  }
}
