package io.ocrbatch.workflows;

import java.util.List;

/** A slice of a volume's pages that one heartbeating activity OCRs. */
public record PageChunk(
    VolumeTask task, String outputDir, int firstPageIndex, List<String> pages) {}
