package io.ocrbatch.workflows;

/** The answer to the job workflow's {@code progress} query. */
public record JobProgress(
    String status,
    int volumesDone,
    int volumesFailed,
    int volumesRunning,
    int pagesOk,
    int pagesFailed,
    int concurrency,
    boolean paused,
    boolean cancelRequested) {}
