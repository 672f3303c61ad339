package io.ocrbatch.workflows;

import io.temporal.activity.ActivityInterface;

/**
 * OCRs a chunk of pages, heartbeating the index of each finished page so that a retry on another
 * worker resumes after it. A page whose outputs already exist is skipped; a bad page fails alone.
 */
@ActivityInterface
public interface OcrActivities {
  ChunkResult ocrChunk(PageChunk chunk);
}
