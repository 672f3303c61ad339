package io.ocrbatch.workflows.watch;

/** What a watch carries over continue-as-new. */
public record WatchState(WatchRunReport lastRun, int runs, boolean paused, boolean triggered) {
  public static WatchState initial() {
    return new WatchState(null, 0, false, false);
  }
}
