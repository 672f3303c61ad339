package io.ocrbatch.workflows.watch;

import java.util.List;

/**
 * A watch as its query shows it.
 *
 * @param phase waiting (for the interval or a trigger), paused, running
 * @param lastRun null before the first run ends
 * @param recentRuns the last runs' reports, oldest first
 */
public record WatchStatus(
    String phase,
    int runs,
    boolean paused,
    WatchRunReport lastRun,
    List<WatchRunReport> recentRuns) {}
