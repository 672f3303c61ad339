package io.ocrbatch.workflows.watch;

import java.util.List;

/**
 * What a watch carries over continue-as-new.
 *
 * @param recentRuns the last runs' reports, oldest first (at most {@link #KEPT_RUNS})
 */
public record WatchState(
    WatchRunReport lastRun,
    int runs,
    boolean paused,
    boolean triggered,
    List<WatchRunReport> recentRuns) {
  public static final int KEPT_RUNS = 10;

  public static WatchState initial() {
    return new WatchState(null, 0, false, false, List.of());
  }
}
