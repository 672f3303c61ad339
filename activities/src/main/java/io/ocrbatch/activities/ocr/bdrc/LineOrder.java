package io.ocrbatch.activities.ocr.bdrc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.imgproc.Imgproc;

/**
 * BDRC's line order ({@code sort_lines_by_threshold2}): a vertical threshold from the slice of the
 * mask that crosses the most lines, line centres taken in the order OpenCV found their contours and
 * started on a new row when further than the threshold from the row's mean, rows read left to right
 * and the rows' order reversed; with merging, the pieces of a row become one line (their convex
 * hull).
 */
final class LineOrder {
  static final int SLICE_WIDTH = 20;

  private LineOrder() {}

  /** A line: its contour, bounding box and centre, as BDRC's {@code build_line_data} makes them. */
  record Line(MatOfPoint contour, Rect box, Point center) {
    static Line of(MatOfPoint contour) {
      Rect box = Imgproc.boundingRect(contour);
      return new Line(contour, box, new Point(box.x + box.width / 2, box.y + box.height / 2));
    }
  }

  static List<Line> sorted(Mat mask, List<Line> lines, boolean merge) {
    double threshold = threshold(mask);
    List<List<Point>> rows = rows(lines.stream().map(Line::center).toList(), threshold);
    List<Line> out = new ArrayList<>();
    for (List<Point> row : rows) {
      if (merge && row.size() > 1) {
        out.add(merged(row, lines));
      } else {
        for (Point center : row) {
          for (Line line : lines) {
            if (line.center.equals(center)) {
              out.add(line);
              if (merge) break; // without merging, BDRC takes every line with that centre
            }
          }
        }
      }
    }
    return out;
  }

  /** {@code get_line_threshold}: the median centre height in the busiest slice over its lines. */
  static double threshold(Mat mask) {
    Rect box = Imgproc.boundingRect(mask);
    int steps = (box.width / SLICE_WIDTH) / 2;
    int best = -1;
    List<Integer> centers = List.of();
    for (int step = 1; step <= steps; step++) {
      int start = box.x + steps * step; // BDRC's offset: steps × step, not the slice width
      int end = Math.min(mask.cols(), start + SLICE_WIDTH);
      List<Integer> found = new ArrayList<>();
      if (start < end && box.height > 0) {
        List<MatOfPoint> contours = new ArrayList<>();
        Mat slice = mask.submat(new Rect(start, box.y, end - start, box.height)).clone();
        Imgproc.findContours(
            slice, contours, new Mat(), Imgproc.RETR_LIST, Imgproc.CHAIN_APPROX_SIMPLE);
        for (MatOfPoint c : contours) {
          Rect r = Imgproc.boundingRect(c);
          found.add(r.y + r.height / 2);
        }
      }
      if (found.size() > best) {
        best = found.size();
        centers = found;
      }
    }
    if (centers.isEmpty()) return 0.0;
    return floorDivide(median(centers), centers.size());
  }

  private static double median(List<Integer> values) {
    int[] v = values.stream().mapToInt(Integer::intValue).sorted().toArray();
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + (double) v[n / 2]) / 2;
  }

  /** Python's float floor division. */
  static double floorDivide(double a, double b) {
    double mod = a % b;
    double div = (a - mod) / b;
    if (mod != 0 && (b < 0) != (mod < 0)) div -= 1.0;
    double floor = Math.floor(div);
    if (div - floor > 0.5) floor += 1.0;
    return floor;
  }

  /** {@code sort_bbox_centers}: rows of centres, top row first, each left to right. */
  static List<List<Point>> rows(List<Point> centers, double threshold) {
    List<List<Point>> rows = new ArrayList<>();
    List<Point> row = new ArrayList<>();
    for (Point center : centers) {
      if (!row.isEmpty()) {
        double[] ys = row.stream().mapToDouble(p -> p.y).toArray();
        if (Math.abs(Numpy.mean(ys) - center.y) > threshold) {
          row.sort(Comparator.comparingDouble(p -> p.x));
          rows.add(row);
          row = new ArrayList<>();
        }
      }
      row.add(center);
    }
    if (!row.isEmpty()) rows.add(row);
    rows.forEach(r -> r.sort(Comparator.comparingDouble(p -> p.x)));
    Collections.reverse(rows);
    return rows;
  }

  /** {@code group_line_chunks}: the convex hull of the row's pieces as one line. */
  private static Line merged(List<Point> row, List<Line> lines) {
    List<Point> points = new ArrayList<>();
    for (Point center : row) {
      lines.stream()
          .filter(l -> l.center.equals(center))
          .findFirst()
          .ifPresent(l -> points.addAll(Arrays.asList(l.contour.toArray())));
    }
    MatOfPoint all = new MatOfPoint(points.toArray(Point[]::new));
    MatOfInt hull = new MatOfInt();
    Imgproc.convexHull(all, hull);
    Point[] p = all.toArray();
    Point[] hullPoints = Arrays.stream(hull.toArray()).mapToObj(i -> p[i]).toArray(Point[]::new);
    return Line.of(new MatOfPoint(hullPoints));
  }
}
