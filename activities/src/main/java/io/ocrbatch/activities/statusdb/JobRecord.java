package io.ocrbatch.activities.statusdb;

import io.ocrbatch.workflows.JobStatus;
import java.time.Instant;

/**
 * A row of {@code jobs} with its job type's name. {@code force}: results that existed before the
 * job was created are redone; {@code intake}: a rolling job that SQS messages add volumes to.
 */
public record JobRecord(
    long id,
    String jobKey,
    long typeId,
    String typeName,
    JobStatus status,
    String outputRoot,
    int concurrency,
    int dpi,
    int pagesPerChunk,
    int maxAttempts,
    int totalTasks,
    int doneTasks,
    int failedTasks,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Instant lastProgressAt,
    boolean cancelRequested,
    int priority,
    String callbackUrl,
    boolean force,
    boolean intake) {}
