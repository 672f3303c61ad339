package io.ocrbatch.activities.ocr;

import java.util.List;

/**
 * An outline in page pixels, clockwise from the top-left corner: the rotated quadrilateral a neural
 * engine finds around a skewed line or word, where an axis-aligned {@link Box} would cover its
 * neighbours too.
 */
public record Polygon(List<Point> points) {

  public record Point(int x, int y) {}

  public Polygon {
    points = List.copyOf(points);
  }

  /** The box's four corners. */
  public static Polygon of(Box box) {
    return new Polygon(
        List.of(
            new Point(box.x1(), box.y1()),
            new Point(box.x2(), box.y1()),
            new Point(box.x2(), box.y2()),
            new Point(box.x1(), box.y2())));
  }

  /** The same outline with every point moved inside a page of the given size. */
  public Polygon clipped(int width, int height) {
    return new Polygon(
        points.stream()
            .map(
                p ->
                    new Point(
                        Math.max(0, Math.min(width, p.x())), Math.max(0, Math.min(height, p.y()))))
            .toList());
  }
}
