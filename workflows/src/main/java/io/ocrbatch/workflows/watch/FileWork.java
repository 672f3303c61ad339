package io.ocrbatch.workflows.watch;

import io.ocrbatch.workflows.JobSpec;

/** A registered file taken for processing, with the one-volume job recorded for it. */
public record FileWork(
    long fileId, String publisher, String fileName, String sourceUri, int priority, JobSpec job) {}
