package io.ocrbatch.activities.dropfolder;

/**
 * The priority of a file from its size (Temporal priority keys, 1 most urgent): small files first,
 * so a big tree shows results early and a few huge scans do not hold up thousands of small ones.
 */
public final class SizeTiers {
  private static final long MB = 1024L * 1024L;
  private static final long[] LIMITS = {MB, 5 * MB, 10 * MB, 50 * MB};

  private SizeTiers() {}

  /** ≤1 MB → 1, ≤5 MB → 2, ≤10 MB → 3, ≤50 MB → 4, larger → 5. */
  public static int priority(long bytes) {
    for (int i = 0; i < LIMITS.length; i++) if (bytes <= LIMITS[i]) return i + 1;
    return LIMITS.length + 1;
  }
}
