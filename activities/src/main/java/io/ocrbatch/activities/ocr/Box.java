package io.ocrbatch.activities.ocr;

/** A bounding box in page pixels: left, top, right, bottom. */
public record Box(int x1, int y1, int x2, int y2) {

  /** The smallest box holding both. */
  public Box union(Box other) {
    return new Box(
        Math.min(x1, other.x1),
        Math.min(y1, other.y1),
        Math.max(x2, other.x2),
        Math.max(y2, other.y2));
  }
}
