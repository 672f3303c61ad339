package io.ocrbatch.activities.ocr.tesseractlines;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A gray page as ink (255) on nothing (0), its paper shading evened out and its text lines turned
 * level; remembers the turn so that boxes found here map back to the page.
 */
final class InkPage implements AutoCloseable {
  /** Skew angles tried, in degrees either way; pechas are photographed or scanned near level. */
  static final double MAX_SKEW = 3.0;

  static final double SKEW_STEP = 0.1;

  final Mat ink;
  final double angle;
  private final double[] toPage;

  private InkPage(Mat ink, double angle, double[] toPage) {
    this.ink = ink;
    this.angle = angle;
    this.toPage = toPage;
  }

  /** Binarizes and levels an 8-bit gray page (which stays untouched). */
  static InkPage of(Mat gray) {
    Mat ink = binarize(gray);
    double angle = skewAngle(ink);
    if (angle == 0) return new InkPage(ink, 0, new double[] {1, 0, 0, 0, 1, 0});
    Mat turn = Imgproc.getRotationMatrix2D(new Point(ink.cols() / 2.0, ink.rows() / 2.0), angle, 1);
    double cos = Math.abs(turn.get(0, 0)[0]), sin = Math.abs(turn.get(0, 1)[0]);
    int width = (int) Math.round(ink.rows() * sin + ink.cols() * cos);
    int height = (int) Math.round(ink.rows() * cos + ink.cols() * sin);
    // a larger canvas, so that no corner of the page is cut off by the turn
    turn.put(0, 2, turn.get(0, 2)[0] + (width - ink.cols()) / 2.0);
    turn.put(1, 2, turn.get(1, 2)[0] + (height - ink.rows()) / 2.0);
    Mat level = new Mat();
    Imgproc.warpAffine(ink, level, turn, new Size(width, height), Imgproc.INTER_LINEAR);
    Imgproc.threshold(level, level, 127, 255, Imgproc.THRESH_BINARY);
    ink.release();
    Mat back = new Mat();
    Imgproc.invertAffineTransform(turn, back);
    double[] toPage = new double[6];
    back.get(0, 0, toPage);
    back.release();
    turn.release();
    return new InkPage(level, angle, toPage);
  }

  /**
   * Ink where a pixel is darker than its paper: the page divided by its background (a closing wider
   * than any stroke), then Otsu's threshold. Evens out shading and stained paper of photographed
   * pechas before a global threshold.
   */
  static Mat binarize(Mat gray) {
    int k = Math.max(15, (Math.min(gray.rows(), gray.cols()) / 20) | 1);
    Mat background = new Mat();
    Imgproc.morphologyEx(
        gray,
        background,
        Imgproc.MORPH_CLOSE,
        Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(k, k)));
    Mat even = new Mat();
    Core.divide(gray, background, even, 255);
    background.release();
    Mat ink = new Mat();
    Imgproc.threshold(even, ink, 0, 255, Imgproc.THRESH_BINARY_INV | Imgproc.THRESH_OTSU);
    even.release();
    return ink;
  }

  /**
   * The turn (degrees, counter-clockwise) that makes the rows of ink sharpest: lines then fall into
   * few rows with empty rows between, so the row sums change most from row to row.
   */
  static double skewAngle(Mat ink) {
    double scale = Math.min(1.0, 1500.0 / ink.cols());
    Mat small = new Mat();
    Imgproc.resize(ink, small, new Size(), scale, scale, Imgproc.INTER_AREA);
    Point centre = new Point(small.cols() / 2.0, small.rows() / 2.0);
    double best = 0, bestScore = -1;
    Mat turned = new Mat();
    int steps = (int) Math.round(MAX_SKEW / SKEW_STEP);
    for (int i = -steps; i <= steps; i++) {
      double angle = i * SKEW_STEP;
      Imgproc.warpAffine(
          small, turned, Imgproc.getRotationMatrix2D(centre, angle, 1), small.size());
      long[] rows = Profiles.rowSums(turned);
      double score = 0;
      for (int y = 1; y < rows.length; y++) score += Math.pow(rows[y] - rows[y - 1], 2);
      if (score > bestScore) {
        bestScore = score;
        best = angle;
      }
    }
    small.release();
    turned.release();
    return best;
  }

  /** The affine map (2×3, row-major) from the levelled page back to the original. */
  double[] levelledToPage() {
    return toPage.clone();
  }

  @Override
  public void close() {
    ink.release();
  }
}
