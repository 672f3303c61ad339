package io.ocrbatch.activities.registry;

import java.util.List;

/**
 * The volumes (BDRC: citekeys) a step covered: counts, and the names of those that succeeded and
 * those that failed. Counts given without lists (a step that covered more volumes than it lists)
 * are kept as given.
 */
public record Coverage(
    int total, int successful, int failed, List<String> succeeded, List<String> failedVolumes) {

  public static final Coverage NONE = new Coverage(0, 0, 0, List.of(), List.of());

  /** Counts from the lists. */
  public static Coverage of(List<String> succeeded, List<String> failedVolumes) {
    return new Coverage(
        succeeded.size() + failedVolumes.size(),
        succeeded.size(),
        failedVolumes.size(),
        succeeded,
        failedVolumes);
  }
}
