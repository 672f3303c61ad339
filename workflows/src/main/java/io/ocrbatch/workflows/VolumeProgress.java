package io.ocrbatch.workflows;

/** A running volume's pages so far, told to its job so the job's progress counts pages. */
public record VolumeProgress(long taskId, int pagesOk, int pagesFailed) {}
