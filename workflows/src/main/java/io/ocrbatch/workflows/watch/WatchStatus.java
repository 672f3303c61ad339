package io.ocrbatch.workflows.watch;

/**
 * A watch as its query shows it.
 *
 * @param phase waiting (for the interval or a trigger), paused, running
 * @param lastRun null before the first run ends
 */
public record WatchStatus(String phase, int runs, boolean paused, WatchRunReport lastRun) {}
