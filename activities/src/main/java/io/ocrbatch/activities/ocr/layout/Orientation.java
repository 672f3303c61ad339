package io.ocrbatch.activities.ocr.layout;

import io.ocrbatch.activities.ocr.Box;

/**
 * How the text lies on the page image, as the engine found it: layout analysis works in the reading
 * frame (text upright, lines running left to right), where "above" means "read before".
 */
public enum Orientation {
  UPRIGHT,
  /** The page was scanned upside down: its first line is at the bottom, read right to left. */
  UPSIDE_DOWN,
  /** The page lies turned a quarter clockwise: lines run top to bottom, the first on the right. */
  TURNED_CLOCKWISE,
  /** Turned a quarter counter-clockwise: lines run bottom to top, the first on the left. */
  TURNED_COUNTER_CLOCKWISE;

  /**
   * The orientation of a page most of whose line regions are {@code vertical} (taller than wide),
   * and most of whose line images read upside down ({@code flipped}) when cut out upright.
   */
  public static Orientation of(boolean vertical, boolean flipped) {
    if (vertical) return flipped ? TURNED_COUNTER_CLOCKWISE : TURNED_CLOCKWISE;
    return flipped ? UPSIDE_DOWN : UPRIGHT;
  }

  /** The box in reading-frame coordinates, for a page {@code width} × {@code height}. */
  Box toReadingFrame(Box b, int width, int height) {
    return switch (this) {
      case UPRIGHT -> b;
      case UPSIDE_DOWN -> new Box(width - b.x2(), height - b.y2(), width - b.x1(), height - b.y1());
      case TURNED_CLOCKWISE -> new Box(b.y1(), width - b.x2(), b.y2(), width - b.x1());
      case TURNED_COUNTER_CLOCKWISE -> new Box(height - b.y2(), b.x1(), height - b.y1(), b.x2());
    };
  }
}
