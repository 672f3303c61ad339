package io.ocrbatch.activities.ocr.neural;

import io.ocrbatch.activities.ocr.Box;
import io.ocrbatch.activities.ocr.Polygon;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.RotatedRect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A text region as four corners in page pixels, clockwise from top-left: a rotated rectangle for
 * skewed lines, which a perspective warp turns into an upright line image.
 */
public record Quad(Point topLeft, Point topRight, Point bottomRight, Point bottomLeft) {

  /** The corners of a rotated rectangle, ordered like PaddleOCR's {@code get_mini_boxes}. */
  public static Quad of(RotatedRect rect) {
    Point[] p = new Point[4];
    rect.points(p);
    Arrays.sort(p, Comparator.comparingDouble(q -> q.x));
    Point left1 = p[0], left2 = p[1], right1 = p[2], right2 = p[3];
    Point topLeft = left1.y <= left2.y ? left1 : left2;
    Point bottomLeft = left1.y <= left2.y ? left2 : left1;
    Point topRight = right1.y <= right2.y ? right1 : right2;
    Point bottomRight = right1.y <= right2.y ? right2 : right1;
    return new Quad(topLeft, topRight, bottomRight, bottomLeft);
  }

  public double width() {
    return Math.max(distance(topLeft, topRight), distance(bottomLeft, bottomRight));
  }

  public double height() {
    return Math.max(distance(topLeft, bottomLeft), distance(topRight, bottomRight));
  }

  public Quad scaled(double sx, double sy) {
    return new Quad(
        scale(topLeft, sx, sy),
        scale(topRight, sx, sy),
        scale(bottomRight, sx, sy),
        scale(bottomLeft, sx, sy));
  }

  /** The part of the region between two fractions of its width (0 = left edge), e.g. one word. */
  public Quad slice(double from, double to) {
    return new Quad(
        along(topLeft, topRight, from),
        along(topLeft, topRight, to),
        along(bottomLeft, bottomRight, to),
        along(bottomLeft, bottomRight, from));
  }

  /** The axis-aligned box around the region, clipped to a page of the given size. */
  public Box bounds(int pageWidth, int pageHeight) {
    double[] xs = {topLeft.x, topRight.x, bottomRight.x, bottomLeft.x};
    double[] ys = {topLeft.y, topRight.y, bottomRight.y, bottomLeft.y};
    int x1 = clamp(Arrays.stream(xs).min().orElse(0), pageWidth);
    int y1 = clamp(Arrays.stream(ys).min().orElse(0), pageHeight);
    int x2 = clamp(Math.ceil(Arrays.stream(xs).max().orElse(0)), pageWidth);
    int y2 = clamp(Math.ceil(Arrays.stream(ys).max().orElse(0)), pageHeight);
    return new Box(x1, y1, x2, y2);
  }

  /** The four corners rounded to whole pixels, clipped to a page of the given size. */
  public Polygon polygon(int pageWidth, int pageHeight) {
    return new Polygon(
            List.of(vertex(topLeft), vertex(topRight), vertex(bottomRight), vertex(bottomLeft)))
        .clipped(pageWidth, pageHeight);
  }

  private static Polygon.Point vertex(Point p) {
    return new Polygon.Point((int) Math.round(p.x), (int) Math.round(p.y));
  }

  /**
   * The region cut out of the page and warped upright (PaddleOCR's {@code get_rotate_crop_image});
   * regions much taller than wide (vertical text) are turned to lie horizontally.
   */
  public Mat crop(Mat page) {
    int w = Math.max(1, (int) Math.round(width()));
    int h = Math.max(1, (int) Math.round(height()));
    MatOfPoint2f from = new MatOfPoint2f(topLeft, topRight, bottomRight, bottomLeft);
    MatOfPoint2f to =
        new MatOfPoint2f(new Point(0, 0), new Point(w, 0), new Point(w, h), new Point(0, h));
    Mat transform = Imgproc.getPerspectiveTransform(from, to);
    Mat line = new Mat();
    Imgproc.warpPerspective(
        page, line, transform, new Size(w, h), Imgproc.INTER_CUBIC, Core.BORDER_REPLICATE);
    if (h >= 1.5 * w) {
      Mat turned = new Mat();
      Core.rotate(line, turned, Core.ROTATE_90_COUNTERCLOCKWISE);
      return turned;
    }
    return line;
  }

  /** Whether {@link #crop} turns this region (vertical text). */
  public boolean vertical() {
    return height() >= 1.5 * width();
  }

  private static int clamp(double v, int max) {
    return (int) Math.max(0, Math.min(max, v));
  }

  private static Point scale(Point p, double sx, double sy) {
    return new Point(p.x * sx, p.y * sy);
  }

  private static Point along(Point a, Point b, double f) {
    return new Point(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f);
  }

  private static double distance(Point a, Point b) {
    return Math.hypot(a.x - b.x, a.y - b.y);
  }
}
