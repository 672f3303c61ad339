package io.ocrbatch.activities.ocr.bdrc;

import io.ocrbatch.activities.ocr.neural.Quad;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvException;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * BDRC's line images from a line mask ({@code build_raw_line_data}, {@code filter_line_contours},
 * {@code build_line_data}, {@code extract_line_images}): the page turned by the mean skew of the
 * larger lines, lines wider than 1 % of the page and taller than 10 px kept and ordered, and each
 * cut out through its contour dilated by a k-factor kernel, black outside it; when a cut is taller
 * than the tolerance allows, k is lowered by 0.1 (at most ten times) and stays lowered for the
 * following lines.
 */
final class LineExtraction {
  static final double MAX_SKEW = 5.0;

  private LineExtraction() {}

  /** A line image and where it came from on the page. */
  record Crop(Mat image, Quad region) {}

  static List<Crop> crops(Mat page, Mat mask, BdrcOptions options) {
    Turned turned = turned(page, mask);
    return cut(turned, lines(turned.mask(), options.mergeLines()), options);
  }

  /** The page and mask turned by the skew, and the transform back to the page. */
  record Turned(double angle, Mat page, Mat mask, Mat back) {}

  static Turned turned(Mat page, Mat mask) {
    double angle = angle(mask);
    Mat turn =
        Imgproc.getRotationMatrix2D(new Point(mask.cols() / 2.0, mask.rows() / 2.0), angle, 1);
    Mat back = new Mat();
    Imgproc.invertAffineTransform(turn, back);
    return new Turned(angle, rotated(page, turn), rotated(mask, turn), back);
  }

  /** The turned mask's lines, large enough and in BDRC's order. */
  static List<LineOrder.Line> lines(Mat turnedMask, boolean merge) {
    List<LineOrder.Line> lines = new ArrayList<>();
    for (MatOfPoint contour : contours(turnedMask, 10)) {
      Rect box = Imgproc.boundingRect(contour);
      if (box.width > turnedMask.cols() * 0.01 && box.height > 10)
        lines.add(LineOrder.Line.of(simplified(contour)));
    }
    return LineOrder.sorted(turnedMask, lines, merge);
  }

  /** Each line cut out of the turned page; lines that keep no pixel are left out. */
  static List<Crop> cut(Turned turned, List<LineOrder.Line> lines, BdrcOptions options) {
    List<Crop> crops = new ArrayList<>();
    double k = options.kFactor();
    for (LineOrder.Line line : lines) {
      int h = Imgproc.boundingRect(line.contour()).height;
      Cut cut = cut(turned.page(), line.contour(), h, k);
      for (int attempt = 0;
          cut.image.rows() > h * options.bboxTolerance() && attempt < 10;
          attempt++) {
        k -= 0.1;
        if (k <= 0.1) break;
        cut = cut(turned.page(), line.contour(), h, k);
      }
      if (cut.image.rows() > 0 && cut.image.cols() > 0)
        crops.add(new Crop(cut.image, region(cut.bounds, turned.back())));
    }
    return crops;
  }

  /**
   * {@code get_rotation_angle_from_lines}: the mean angle of the larger contours near 0° or 90°.
   */
  static double angle(Mat mask) {
    double minArea = mask.rows() * mask.cols() * 0.001;
    List<Double> low = new ArrayList<>(), high = new ArrayList<>();
    for (MatOfPoint contour : contours(mask, minArea)) {
      double a = Imgproc.minAreaRect(new MatOfPoint2f(contour.toArray())).angle;
      if (Math.abs(a) != 0.0 && a < MAX_SKEW) low.add(a);
      if (Math.abs(a) != 90.0 && a > 90 - MAX_SKEW) high.add(a);
    }
    if (low.size() > high.size() && !low.isEmpty()) return Numpy.mean(values(low));
    if (!high.isEmpty()) return -(90 - Numpy.mean(values(high)));
    return 0;
  }

  private static double[] values(List<Double> list) {
    return list.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static Mat rotated(Mat image, Mat turn) {
    Mat out = new Mat();
    Imgproc.warpAffine(
        image, out, turn, image.size(), Imgproc.INTER_LINEAR, Core.BORDER_CONSTANT, new Scalar(0));
    return out;
  }

  /**
   * Contours of the non-zero pixels in OpenCV's order, those of area at most {@code minArea} left
   * out.
   */
  static List<MatOfPoint> contours(Mat mask, double minArea) {
    List<MatOfPoint> contours = new ArrayList<>();
    Imgproc.findContours(
        mask.clone(), contours, new Mat(), Imgproc.RETR_LIST, Imgproc.CHAIN_APPROX_SIMPLE);
    contours.removeIf(c -> Imgproc.contourArea(c) <= minArea);
    return contours;
  }

  /** {@code optimize_countour}: fewer points, within 0.1 % of the perimeter. */
  private static MatOfPoint simplified(MatOfPoint contour) {
    MatOfPoint2f curve = new MatOfPoint2f(contour.toArray());
    MatOfPoint2f approx = new MatOfPoint2f();
    Imgproc.approxPolyDP(curve, approx, 0.001 * Imgproc.arcLength(curve, true), true);
    return new MatOfPoint(approx.toArray());
  }

  /** A line cut out of the page, and the bounds of what it kept. */
  private record Cut(Mat image, Rect bounds) {}

  /**
   * {@code extract_line} with {@code mask_n_crop}: the page through the filled contour dilated by a
   * (h·k)×(h·k·k) rectangle, every all-black row and column dropped. Computed in the part of the
   * page the dilation can reach, which gives the same pixels.
   */
  private static Cut cut(Mat page, MatOfPoint contour, int lineHeight, double k) {
    try {
      int kw = (int) (lineHeight * k), kh = (int) (kw * k);
      Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(kw, kh));
      Rect reach = reach(page, Imgproc.boundingRect(contour), kernel);
      int x1 = reach.x, y1 = reach.y;
      Mat mask = Mat.zeros(reach.height, reach.width, CvType.CV_8UC1);
      Imgproc.drawContours(
          mask,
          List.of(contour),
          -1,
          new Scalar(255),
          -1,
          Imgproc.LINE_8,
          new Mat(),
          Integer.MAX_VALUE,
          new Point(-x1, -y1));
      Mat dilated = new Mat();
      Imgproc.dilate(mask, dilated, kernel);
      Mat masked = Mat.zeros(reach.height, reach.width, page.type());
      Core.bitwise_and(page.submat(reach), page.submat(reach), masked, dilated);
      return nonBlack(masked, reach);
    } catch (CvException e) { // BDRC's fallback: a black image of h × 2h
      return new Cut(Mat.zeros(lineHeight, 2 * lineHeight, page.type()), new Rect());
    }
  }

  /** Where a dilation of what is in {@code box} can reach (the page, for OpenCV's empty kernel). */
  private static Rect reach(Mat page, Rect box, Mat kernel) {
    if (kernel.empty()) return new Rect(0, 0, page.cols(), page.rows());
    int ax = kernel.cols() / 2, ay = kernel.rows() / 2;
    int x1 = Math.max(0, box.x - (kernel.cols() - 1 - ax)),
        y1 = Math.max(0, box.y - (kernel.rows() - 1 - ay));
    int x2 = Math.min(page.cols(), box.x + box.width + ax),
        y2 = Math.min(page.rows(), box.y + box.height + ay);
    return new Rect(x1, y1, x2 - x1, y2 - y1);
  }

  private static Cut nonBlack(Mat masked, Rect reach) {
    int rows = masked.rows(), cols = masked.cols();
    byte[] pixels = new byte[rows * cols];
    masked.get(0, 0, pixels);
    boolean[] keepRow = new boolean[rows], keepCol = new boolean[cols];
    for (int y = 0; y < rows; y++)
      for (int x = 0; x < cols; x++) if (pixels[y * cols + x] != 0) keepRow[y] = keepCol[x] = true;
    int[] r = indices(keepRow), c = indices(keepCol);
    Mat image = new Mat(r.length, c.length, masked.type());
    byte[] row = new byte[c.length];
    for (int y = 0; y < r.length; y++) {
      for (int x = 0; x < c.length; x++) row[x] = pixels[r[y] * cols + c[x]];
      image.put(y, 0, row);
    }
    Rect bounds =
        r.length == 0
            ? new Rect()
            : new Rect(
                reach.x + c[0],
                reach.y + r[0],
                c[c.length - 1] - c[0] + 1,
                r[r.length - 1] - r[0] + 1);
    return new Cut(image, bounds);
  }

  private static int[] indices(boolean[] keep) {
    int n = 0;
    for (boolean k : keep) if (k) n++;
    int[] out = new int[n];
    for (int i = 0, j = 0; i < keep.length; i++) if (keep[i]) out[j++] = i;
    return out;
  }

  /** The kept rectangle of the turned page, on the page. */
  private static Quad region(Rect bounds, Mat back) {
    Point[] corners = {
      new Point(bounds.x, bounds.y),
      new Point(bounds.x + bounds.width, bounds.y),
      new Point(bounds.x + bounds.width, bounds.y + bounds.height),
      new Point(bounds.x, bounds.y + bounds.height)
    };
    double[] m = new double[6];
    back.get(0, 0, m);
    Point[] p = new Point[4];
    for (int i = 0; i < 4; i++) {
      Point c = corners[i];
      p[i] = new Point(m[0] * c.x + m[1] * c.y + m[2], m[3] * c.x + m[4] * c.y + m[5]);
    }
    return new Quad(p[0], p[1], p[2], p[3]);
  }
}
