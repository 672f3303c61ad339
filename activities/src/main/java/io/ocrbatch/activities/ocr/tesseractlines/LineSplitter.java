package io.ocrbatch.activities.ocr.tesseractlines;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * Splits a text block into lines, top to bottom. A Tibetan line's head line (the top stroke its
 * letters hang from) is the densest row of its profile: each line is a peak of the smoothed row
 * profile, and the cut between two lines is the emptiest row between their peaks. Each stroke
 * (connected ink) then goes whole to the line holding most of it, so vowel signs above and
 * subjoined letters below stay with their letters; only strokes taller than 1.3 lines (touching
 * letters of two lines) are cut at the line boundary.
 */
final class LineSplitter {
  /** Peaks closer than this many pitches are one line. */
  static final double MIN_LINE_DISTANCE = 0.6;

  /** Rows below this share of the highest peak are not searched for lines. */
  static final double PEAK_FLOOR = 0.2;

  /** A line weaker than this share of the median line is a speck row, a stain or a rule's rest. */
  static final double WEAK_LINE = 0.35;

  static final double TALL_STROKE = 1.3;

  private static final int SPLIT = -2;

  /** A line's ink: {@code pixels} (255 = ink, row-major), placed at {@code x, y} in the block. */
  record Band(int x, int y, int width, int height, byte[] pixels) {}

  private LineSplitter() {}

  static List<Band> split(Mat area, int pitch) {
    double[] profile =
        Profiles.smoothed(Profiles.asDoubles(Profiles.rowSums(area)), Math.max(3, pitch / 4) | 1);
    List<Integer> peaks = peaks(profile, pitch);
    if (peaks.isEmpty()) return List.of();
    int[] lineOfRow = linesOfRows(profile, peaks, pitch);
    return bands(area, lineOfRow, peaks.size(), pitch);
  }

  static List<Integer> peaks(double[] profile, int pitch) {
    Integer[] order = new Integer[profile.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> Double.compare(profile[b], profile[a]));
    double max = profile.length == 0 ? 0 : profile[order[0]];
    List<Integer> peaks = new ArrayList<>();
    for (int y : order) {
      if (profile[y] < PEAK_FLOOR * max || profile[y] <= 0) break;
      if (peaks.stream().allMatch(q -> Math.abs(y - q) >= MIN_LINE_DISTANCE * pitch)) peaks.add(y);
    }
    if (peaks.isEmpty()) return peaks;
    double[] heights = peaks.stream().mapToDouble(p -> profile[p]).sorted().toArray();
    double median =
        heights.length % 2 == 1
            ? heights[heights.length / 2]
            : (heights[heights.length / 2 - 1] + heights[heights.length / 2]) / 2;
    return peaks.stream().filter(p -> profile[p] >= WEAK_LINE * median).sorted().toList();
  }

  /** Each row's line (index into peaks), or -1 for rows above the first or below the last. */
  private static int[] linesOfRows(double[] profile, List<Integer> peaks, int pitch) {
    int[] cuts = new int[peaks.size() + 1];
    cuts[0] = Math.max(0, peaks.get(0) - pitch);
    for (int i = 0; i + 1 < peaks.size(); i++) {
      int emptiest = peaks.get(i);
      for (int y = peaks.get(i); y < peaks.get(i + 1); y++)
        if (profile[y] < profile[emptiest]) emptiest = y;
      cuts[i + 1] = emptiest;
    }
    cuts[peaks.size()] = Math.min(profile.length, peaks.get(peaks.size() - 1) + pitch);
    int[] lineOfRow = new int[profile.length];
    Arrays.fill(lineOfRow, -1);
    for (int line = 0; line < peaks.size(); line++)
      for (int y = cuts[line]; y < cuts[line + 1]; y++) lineOfRow[y] = line;
    return lineOfRow;
  }

  private static List<Band> bands(Mat area, int[] lineOfRow, int lines, int pitch) {
    Mat labels = new Mat(), stats = new Mat(), centroids = new Mat();
    int count =
        Imgproc.connectedComponentsWithStats(area, labels, stats, centroids, 8, CvType.CV_32S);
    int width = area.cols(), height = area.rows();
    int[] label = new int[width * height];
    labels.get(0, 0, label);
    int[] stat = new int[count * 5];
    stats.get(0, 0, stat);
    labels.release();
    stats.release();
    centroids.release();

    // how much of each stroke lies in each line
    int[] share = new int[count * lines];
    for (int y = 0; y < height; y++) {
      int line = lineOfRow[y];
      if (line < 0) continue;
      for (int x = 0, i = y * width; x < width; x++, i++)
        if (label[i] > 0) share[label[i] * lines + line]++;
    }
    int[] lineOf = new int[count];
    for (int c = 1; c < count; c++) {
      int best = -1;
      for (int line = 0; line < lines; line++)
        if (share[c * lines + line] > 0
            && (best < 0 || share[c * lines + line] > share[c * lines + best])) best = line;
      lineOf[c] =
          best >= 0 && stat[c * 5 + Imgproc.CC_STAT_HEIGHT] > TALL_STROKE * pitch ? SPLIT : best;
    }
    lineOf[0] = -1;

    return paint(
        label,
        width,
        i -> lineOf[label[i]] == SPLIT ? lineOfRow[i / width] : lineOf[label[i]],
        lines);
  }

  /** The bands of the pixels {@code lineOfPixel} gives a line, each cut to its bounds. */
  private static List<Band> paint(int[] label, int width, IntUnaryOperator lineOfPixel, int lines) {
    int[] x1 = new int[lines], y1 = new int[lines], x2 = new int[lines], y2 = new int[lines];
    Arrays.fill(x1, Integer.MAX_VALUE);
    Arrays.fill(y1, Integer.MAX_VALUE);
    Arrays.fill(x2, -1);
    Arrays.fill(y2, -1);
    for (int i = 0; i < label.length; i++) {
      if (label[i] == 0) continue;
      int line = lineOfPixel.applyAsInt(i);
      if (line < 0) continue;
      x1[line] = Math.min(x1[line], i % width);
      x2[line] = Math.max(x2[line], i % width);
      y1[line] = Math.min(y1[line], i / width);
      y2[line] = Math.max(y2[line], i / width);
    }
    byte[][] pixels = new byte[lines][];
    for (int line = 0; line < lines; line++)
      if (x2[line] >= 0)
        pixels[line] = new byte[(x2[line] - x1[line] + 1) * (y2[line] - y1[line] + 1)];
    for (int i = 0; i < label.length; i++) {
      if (label[i] == 0) continue;
      int line = lineOfPixel.applyAsInt(i);
      if (line < 0) continue;
      int x = i % width - x1[line], y = i / width - y1[line];
      pixels[line][y * (x2[line] - x1[line] + 1) + x] = (byte) 255;
    }
    List<Band> bands = new ArrayList<>();
    for (int line = 0; line < lines; line++)
      if (pixels[line] != null)
        bands.add(
            new Band(
                x1[line],
                y1[line],
                x2[line] - x1[line] + 1,
                y2[line] - y1[line] + 1,
                pixels[line]));
    return bands;
  }
}
