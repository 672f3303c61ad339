package io.ocrbatch.workflows;

/** How a job ended. */
public record JobOutcome(
    JobStatus status, int volumesDone, int volumesFailed, int pagesOk, int pagesFailed) {}
