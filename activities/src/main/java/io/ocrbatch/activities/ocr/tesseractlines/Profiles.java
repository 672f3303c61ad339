package io.ocrbatch.activities.ocr.tesseractlines;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/** Projection profiles of an ink image (0/255) and what is read from them. */
final class Profiles {
  private Profiles() {}

  /** Ink pixels in each row. */
  static long[] rowSums(Mat ink) {
    return sums(ink, 1);
  }

  /** Ink pixels in each column. */
  static long[] columnSums(Mat ink) {
    return sums(ink, 0);
  }

  private static long[] sums(Mat ink, int dimension) {
    Mat sums = new Mat();
    Core.reduce(ink, sums, dimension, Core.REDUCE_SUM, CvType.CV_32S);
    int[] values = new int[(int) sums.total()];
    sums.get(0, 0, values);
    sums.release();
    long[] counts = new long[values.length];
    for (int i = 0; i < values.length; i++) counts[i] = values[i] / 255;
    return counts;
  }

  /**
   * The distance from one text line to the next: the lag, between 1/40 and 1/2 of the page's height
   * (at least 8 px), at which the row profile best matches itself.
   */
  static int pitch(long[] rows) {
    int n = rows.length;
    double mean = 0;
    for (long r : rows) mean += r;
    mean /= Math.max(1, n);
    double[] centred = new double[n];
    for (int i = 0; i < n; i++) centred[i] = rows[i] - mean;
    int low = Math.max(8, n / 40), high = Math.max(low + 1, n / 2);
    int best = low;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int lag = low; lag < high && lag < n; lag++) {
      double score = 0;
      for (int i = 0; i + lag < n; i++) score += centred[i] * centred[i + lag];
      if (score > bestScore) {
        bestScore = score;
        best = lag;
      }
    }
    return best;
  }

  /** A moving average over {@code width} values (odd), centred, as numpy's 'same' convolution. */
  static double[] smoothed(double[] values, int width) {
    double[] out = new double[values.length];
    int half = width / 2;
    for (int i = 0; i < values.length; i++) {
      double sum = 0;
      for (int j = i - half; j <= i + half; j++) if (j >= 0 && j < values.length) sum += values[j];
      out[i] = sum / width;
    }
    return out;
  }

  static double[] asDoubles(long[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) out[i] = values[i];
    return out;
  }

  /** A run of flagged indices, {@code [start, end)}. */
  record Span(int start, int end) {}

  /** The runs of true values. */
  static List<Span> spans(boolean[] flags) {
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < flags.length; i++) {
      if (!flags[i]) continue;
      int start = i;
      while (i < flags.length && flags[i]) i++;
      spans.add(new Span(start, i));
    }
    return spans;
  }

  /** Each flag widened by {@code grow} on both sides. */
  static boolean[] widened(boolean[] flags, int grow) {
    boolean[] out = new boolean[flags.length];
    for (int i = 0; i < flags.length; i++) {
      if (!flags[i]) continue;
      for (int j = Math.max(0, i - grow); j <= Math.min(flags.length - 1, i + grow); j++)
        out[j] = true;
    }
    return out;
  }

  /**
   * Of the stretches between {@code blocked} spans (and the ends {@code 0}, {@code length}), the
   * one holding the most {@code weight}: the text block between a pecha's rules.
   */
  static Span heaviestGap(List<Span> blocked, int length, long[] weight) {
    List<Span> gaps = new ArrayList<>();
    int start = 0;
    for (Span b : blocked) {
      if (b.start() > start) gaps.add(new Span(start, b.start()));
      start = Math.max(start, b.end());
    }
    if (length > start) gaps.add(new Span(start, length));
    Span best = new Span(0, length);
    long bestWeight = -1;
    for (Span gap : gaps) {
      long sum = 0;
      for (int i = gap.start(); i < gap.end(); i++) sum += weight[i];
      if (sum > bestWeight) {
        bestWeight = sum;
        best = gap;
      }
    }
    return best;
  }
}
