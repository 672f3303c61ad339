package io.ocrbatch.workflows;

import java.util.List;

/**
 * A volume's pages in reading order (names only, never pixels), the folder its results go to,
 * and whether its success marker already exists for this version and job type.
 */
public record VolumeListing(
    String volumeId, String version, String outputDir, List<String> pages, boolean alreadyDone) {}
