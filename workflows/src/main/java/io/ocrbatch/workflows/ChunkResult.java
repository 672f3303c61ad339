package io.ocrbatch.workflows;

/** What a chunk did: pages OCRed now, pages found already done, pages that failed. */
public record ChunkResult(int ocred, int skipped, int failed) {

  public static final ChunkResult EMPTY = new ChunkResult(0, 0, 0);

  public ChunkResult plus(ChunkResult other) {
    return new ChunkResult(ocred + other.ocred, skipped + other.skipped, failed + other.failed);
  }

  public int succeeded() {
    return ocred + skipped;
  }
}
