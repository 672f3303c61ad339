package io.ocrbatch.activities.ocr.tesseractlines;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Range;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A pecha's text block: the ink inside its frame, with the frame's rules taken out and what lies
 * beyond them (margin titles, page numbers, the paper's edge) left behind.
 *
 * <p>A horizontal rule is a row where runs of ink longer than three lines' pitch cover a tenth of
 * the page (a syllable's head line never runs that long); a vertical rule is a column where runs
 * longer than a pitch cover over a third of the block's height (no letter stands that tall in every
 * line). Only those long runs are removed, so letters touching a rule keep their strokes. The block
 * is the stretch between rules holding the most ink.
 */
final class TextBlock {
  static final int HORIZONTAL_RULE_PITCHES = 3;
  static final double HORIZONTAL_RULE_COVER = 0.1;
  static final double VERTICAL_RULE_COVER = 0.35;

  /** The ink left for text, the same size as the page, zero outside the block. */
  final Mat text;

  final int left, right, top, bottom;

  private TextBlock(Mat text, int left, int right, int top, int bottom) {
    this.text = text;
    this.left = left;
    this.right = right;
    this.top = top;
    this.bottom = bottom;
  }

  static TextBlock find(Mat ink, int pitch) {
    int width = ink.cols(), height = ink.rows();
    Mat horizontal = longRuns(ink, HORIZONTAL_RULE_PITCHES * pitch, true);
    long[] runRows = Profiles.rowSums(horizontal);
    boolean[] ruleRows = new boolean[height];
    for (int y = 0; y < height; y++) {
      long threeRows =
          runRows[y] + (y > 0 ? runRows[y - 1] : 0) + (y + 1 < height ? runRows[y + 1] : 0);
      ruleRows[y] = threeRows > HORIZONTAL_RULE_COVER * width;
    }
    ruleRows = Profiles.widened(ruleRows, 1);
    keepOnly(horizontal, ruleRows, true);
    Mat text = without(ink, horizontal);
    Profiles.Span rows =
        Profiles.heaviestGap(Profiles.spans(ruleRows), height, Profiles.rowSums(text));
    text.release();

    Mat band = ink.rowRange(rows.start(), rows.end());
    Mat vertical = Mat.zeros(ink.size(), ink.type());
    Mat bandRuns = longRuns(band, pitch, false);
    bandRuns.copyTo(vertical.rowRange(rows.start(), rows.end()));
    Mat widened = new Mat();
    Imgproc.dilate(
        bandRuns,
        widened,
        Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(5, 1))); // skewed rules drift
    long[] cover = Profiles.columnSums(widened);
    widened.release();
    bandRuns.release();
    boolean[] ruleColumns = new boolean[width];
    for (int x = 0; x < width; x++)
      ruleColumns[x] = cover[x] > VERTICAL_RULE_COVER * Math.max(1, rows.end() - rows.start());
    ruleColumns = Profiles.widened(ruleColumns, 2);
    keepOnly(vertical, ruleColumns, false);

    Mat rules = new Mat();
    Core.bitwise_or(horizontal, vertical, rules);
    horizontal.release();
    vertical.release();
    text = without(ink, rules);
    rules.release();
    long[] columnInk = Profiles.columnSums(text.rowRange(rows.start(), rows.end()));
    Profiles.Span columns = Profiles.heaviestGap(Profiles.spans(ruleColumns), width, columnInk);
    text.rowRange(0, rows.start()).setTo(new Scalar(0));
    text.rowRange(rows.end(), height).setTo(new Scalar(0));
    return new TextBlock(text, columns.start(), columns.end(), rows.start(), rows.end());
  }

  /** The block's ink, cut to its columns (rows stay page rows). */
  Mat area() {
    return text.submat(new Range(0, text.rows()), new Range(left, right));
  }

  /** The ink in runs at least {@code length} long, across or down. */
  private static Mat longRuns(Mat ink, int length, boolean across) {
    Mat runs = new Mat();
    Size size = across ? new Size(Math.max(1, length), 1) : new Size(1, Math.max(1, length));
    Imgproc.morphologyEx(
        ink, runs, Imgproc.MORPH_OPEN, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, size));
    return runs;
  }

  /** Clears the rows (or columns) that are not flagged. */
  private static void keepOnly(Mat runs, boolean[] flagged, boolean rows) {
    Scalar none = new Scalar(0);
    for (Profiles.Span off : Profiles.spans(not(flagged))) {
      if (rows) runs.rowRange(off.start(), off.end()).setTo(none);
      else runs.colRange(off.start(), off.end()).setTo(none);
    }
  }

  private static boolean[] not(boolean[] flags) {
    boolean[] out = new boolean[flags.length];
    for (int i = 0; i < flags.length; i++) out[i] = !flags[i];
    return out;
  }

  /** The ink less the rules, the rules grown by a pixel (their ragged edges). */
  private static Mat without(Mat ink, Mat rules) {
    Mat grown = new Mat();
    Imgproc.dilate(rules, grown, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3)));
    Mat text = new Mat();
    Core.subtract(ink, grown, text);
    grown.release();
    return text;
  }

  void release() {
    text.release();
  }
}
