package io.ocrbatch.activities.ocr;

/** A bounding box in page pixels: left, top, right, bottom. */
public record Box(int x1, int y1, int x2, int y2) {}
