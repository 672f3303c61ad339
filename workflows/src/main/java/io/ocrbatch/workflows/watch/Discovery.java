package io.ocrbatch.workflows.watch;

/** What discovery registered: new files, changed ones, skipped ones, and those it knew already. */
public record Discovery(int added, int changed, int skipped, int unchanged) {}
