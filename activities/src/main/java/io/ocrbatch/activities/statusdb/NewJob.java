package io.ocrbatch.activities.statusdb;

import io.ocrbatch.workflows.AllowedRoots;
import io.ocrbatch.workflows.VolumeRef;
import java.util.List;

/**
 * A job to record: its key, type, settings and volumes (one task each), and what its submitter
 * chose (priority, callback, force, rolling intake), and where it may read and write (null: not
 * confined), all written in the one insert.
 */
public record NewJob(
    String jobKey,
    long typeId,
    String outputRoot,
    int concurrency,
    int dpi,
    int pagesPerChunk,
    int maxAttempts,
    List<VolumeRef> volumes,
    int priority,
    String callbackUrl,
    boolean force,
    boolean intake,
    AllowedRoots roots) {

  public NewJob(
      String jobKey,
      long typeId,
      String outputRoot,
      int concurrency,
      int dpi,
      int pagesPerChunk,
      int maxAttempts,
      List<VolumeRef> volumes,
      int priority,
      String callbackUrl,
      boolean force,
      boolean intake) {
    this(
        jobKey,
        typeId,
        outputRoot,
        concurrency,
        dpi,
        pagesPerChunk,
        maxAttempts,
        volumes,
        priority,
        callbackUrl,
        force,
        intake,
        null);
  }

  public NewJob(
      String jobKey,
      long typeId,
      String outputRoot,
      int concurrency,
      int dpi,
      int pagesPerChunk,
      int maxAttempts,
      List<VolumeRef> volumes) {
    this(
        jobKey,
        typeId,
        outputRoot,
        concurrency,
        dpi,
        pagesPerChunk,
        maxAttempts,
        volumes,
        3,
        null,
        false,
        false);
  }
}
