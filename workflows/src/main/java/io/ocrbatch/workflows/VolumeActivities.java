package io.ocrbatch.workflows;

import io.temporal.activity.ActivityInterface;

/** Volume-level I/O: listing pages and writing the volume's manifest and success marker. */
@ActivityInterface
public interface VolumeActivities {

  /** Lists the volume's pages; fails non-retryably ({@link FailureTypes}) when it cannot exist. */
  VolumeListing listPages(VolumeTask task);

  /** Writes {@code manifest.json}, then {@code success.json} last. */
  void writeManifest(VolumeTask task, VolumeListing listing, ChunkResult counts);
}
