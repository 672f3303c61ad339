package io.ocrbatch.workflows;

/** One task (a volume's processing inside a job) as stored in the status database. */
public record TaskRef(long taskId, VolumeRef volume) {}
