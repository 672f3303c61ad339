package io.ocrbatch.workflows;

import io.temporal.activity.ActivityInterface;

/** Volume-level I/O: listing pages and writing the volume's manifest and success marker. */
@ActivityInterface
public interface VolumeActivities {

  /** Lists the volume's pages; fails non-retryably ({@link FailureTypes}) when it cannot exist. */
  VolumeListing listPages(VolumeTask task);

  /** Writes {@code manifest.json}, then {@code success.json} last. */
  void writeManifest(VolumeTask task, VolumeListing listing, ChunkResult counts);

  /**
   * One round trip at a volume's start: records the task started (attempt of maxAttempts), lists
   * its pages as {@link #listPages} does, and records the listing.
   */
  VolumeListing startVolume(VolumeTask task, int attempt, int maxAttempts);

  /**
   * One round trip at a volume's end: writes its manifest and {@code success.json} (unless the
   * listing found it done already), then records the task finished.
   */
  void finishVolume(VolumeTask task, VolumeListing listing, VolumeResult result, int attempt);
}
