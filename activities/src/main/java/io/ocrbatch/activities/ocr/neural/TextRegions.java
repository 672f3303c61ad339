package io.ocrbatch.activities.ocr.neural;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.RotatedRect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Turns a text score map (one value per pixel, 0–1) into text regions: the connected areas above a
 * threshold, each as its minimum-area rotated rectangle (so skewed lines stay tight), kept when
 * their mean score is high enough and grown by DB's "unclip" distance (area × ratio / perimeter).
 */
public final class TextRegions {

  /**
   * Thresholds: pixel score, mean region score, unclip ratio (0 keeps the region as found), minimum
   * side.
   */
  public record Settings(
      float pixelThreshold,
      float minRegionScore,
      double unclipRatio,
      double minSide,
      int maxRegions) {
    /** PaddleOCR's DB post-processing defaults. */
    public static final Settings PADDLE = new Settings(0.3f, 0.5f, 1.6, 3, 1000);
  }

  private TextRegions() {}

  /** Regions in score-map pixels, in reading order (top to bottom, then left to right). */
  public static List<Quad> find(float[] scores, int width, int height, Settings settings) {
    OpenCv.load();
    Mat map = new Mat(height, width, CvType.CV_32FC1);
    map.put(0, 0, scores);
    Mat bitmap = new Mat();
    Core.compare(map, new Scalar(settings.pixelThreshold()), bitmap, Core.CMP_GT);
    List<MatOfPoint> contours = new ArrayList<>();
    Imgproc.findContours(
        bitmap, contours, new Mat(), Imgproc.RETR_LIST, Imgproc.CHAIN_APPROX_SIMPLE);
    List<Quad> regions = new ArrayList<>();
    for (MatOfPoint contour :
        contours.subList(0, Math.min(contours.size(), settings.maxRegions()))) {
      RotatedRect rect = Imgproc.minAreaRect(new MatOfPoint2f(contour.toArray()));
      if (Math.min(rect.size.width, rect.size.height) < settings.minSide()) continue;
      if (meanScore(map, Quad.of(rect)) < settings.minRegionScore()) continue;
      RotatedRect grown = unclip(rect, settings.unclipRatio());
      if (Math.min(grown.size.width, grown.size.height) < settings.minSide() + 2) continue;
      regions.add(Quad.of(grown));
    }
    return readingOrder(regions);
  }

  static RotatedRect unclip(RotatedRect rect, double ratio) {
    double w = rect.size.width, h = rect.size.height;
    double distance = w * h * ratio / (2 * (w + h));
    return new RotatedRect(rect.center, new Size(w + 2 * distance, h + 2 * distance), rect.angle);
  }

  /** The mean score inside the region (PaddleOCR's {@code box_score_fast}). */
  static double meanScore(Mat map, Quad quad) {
    Rect bounds =
        new Rect(
            new Point(
                Math.floor(Math.max(0, min(quad, true))),
                Math.floor(Math.max(0, min(quad, false)))),
            new Point(
                Math.min(map.cols(), Math.ceil(max(quad, true)) + 1),
                Math.min(map.rows(), Math.ceil(max(quad, false)) + 1)));
    if (bounds.width <= 0 || bounds.height <= 0) return 0;
    Mat mask = Mat.zeros(bounds.height, bounds.width, CvType.CV_8UC1);
    Point[] corners = {quad.topLeft(), quad.topRight(), quad.bottomRight(), quad.bottomLeft()};
    Point[] shifted = new Point[4];
    for (int i = 0; i < 4; i++)
      shifted[i] = new Point(corners[i].x - bounds.x, corners[i].y - bounds.y);
    Imgproc.fillPoly(mask, List.of(new MatOfPoint(shifted)), new Scalar(1));
    return Core.mean(map.submat(bounds), mask).val[0];
  }

  private static double min(Quad q, boolean x) {
    return Math.min(
        Math.min(c(q.topLeft(), x), c(q.topRight(), x)),
        Math.min(c(q.bottomRight(), x), c(q.bottomLeft(), x)));
  }

  private static double max(Quad q, boolean x) {
    return Math.max(
        Math.max(c(q.topLeft(), x), c(q.topRight(), x)),
        Math.max(c(q.bottomRight(), x), c(q.bottomLeft(), x)));
  }

  private static double c(Point p, boolean x) {
    return x ? p.x : p.y;
  }

  /**
   * Top to bottom; regions whose tops are within 10 px of each other read left to right
   * (PaddleOCR's {@code sorted_boxes}).
   */
  static List<Quad> readingOrder(List<Quad> regions) {
    List<Quad> sorted = new ArrayList<>(regions);
    sorted.sort(
        Comparator.<Quad>comparingDouble(q -> q.topLeft().y)
            .thenComparingDouble(q -> q.topLeft().x));
    for (int i = 0; i < sorted.size() - 1; i++) {
      for (int j = i; j >= 0; j--) {
        Quad a = sorted.get(j), b = sorted.get(j + 1);
        if (Math.abs(b.topLeft().y - a.topLeft().y) < 10 && b.topLeft().x < a.topLeft().x) {
          sorted.set(j, b);
          sorted.set(j + 1, a);
        } else {
          break;
        }
      }
    }
    return sorted;
  }
}
