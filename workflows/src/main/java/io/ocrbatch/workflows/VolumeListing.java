package io.ocrbatch.workflows;

import java.util.List;

/**
 * A volume's pages in reading order (names only, never pixels), the folder its results go to (a
 * path or an {@code s3://} prefix), whether its success marker already exists for this version and
 * job type, and the ETag of the object its page list came from (BDRC's dimensions.json; null for
 * other sources). Histories recorded before {@code manifestEtag} existed read it as null.
 */
public record VolumeListing(
    String volumeId,
    String version,
    String outputDir,
    List<String> pages,
    boolean alreadyDone,
    String manifestEtag) {

  public VolumeListing(
      String volumeId, String version, String outputDir, List<String> pages, boolean alreadyDone) {
    this(volumeId, version, outputDir, pages, alreadyDone, null);
  }
}
