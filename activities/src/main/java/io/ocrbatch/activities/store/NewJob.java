package io.ocrbatch.activities.store;

import io.ocrbatch.workflows.VolumeRef;
import java.util.List;

/** A job to record: its key, type, settings and volumes (one task each). */
public record NewJob(
    String jobKey,
    long typeId,
    String outputRoot,
    int concurrency,
    int dpi,
    int pagesPerChunk,
    int maxAttempts,
    List<VolumeRef> volumes) {}
