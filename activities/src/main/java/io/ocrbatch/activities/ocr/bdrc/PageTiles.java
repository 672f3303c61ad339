package io.ocrbatch.activities.ocr.bdrc;

import io.ocrbatch.activities.ocr.neural.OpenCv;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A page as BDRC's line and layout models see it ({@code Utils.preprocess_image}, {@code
 * tile_image}, {@code binarize}): a landscape page wider than 4096 px is brought to that width, a
 * portrait page taller than 2048 px to that height, a page lower than one tile up to the tile's
 * height; the page is padded white to whole tiles, and each tile is binarised on its own.
 */
final class PageTiles {
  static final int CLAMP_WIDTH = 4096, CLAMP_HEIGHT = 2048;

  private final Mat padded;
  private final int width, height, patch;

  private PageTiles(Mat padded, int width, int height, int patch) {
    this.padded = padded;
    this.width = width;
    this.height = height;
    this.patch = patch;
  }

  static PageTiles of(Mat page, int patch) {
    Mat resized = resized(page, patch);
    int cols = columns(resized.cols(), patch), rows = columns(resized.rows(), patch);
    Mat padded = new Mat();
    Core.copyMakeBorder(
        resized,
        padded,
        0,
        rows * patch - resized.rows(),
        0,
        cols * patch - resized.cols(),
        Core.BORDER_CONSTANT,
        new Scalar(255));
    return new PageTiles(padded, resized.cols(), resized.rows(), patch);
  }

  /** The page within BDRC's size limits (the same Mat when it is within them). */
  static Mat resized(Mat page, int patch) {
    int w = page.cols(), h = page.rows();
    if (w > h && w > CLAMP_WIDTH)
      return resize(page, CLAMP_WIDTH, (int) (h * (CLAMP_WIDTH / (double) w)));
    if (h > w && h > CLAMP_HEIGHT)
      return resize(page, (int) (w * (CLAMP_HEIGHT / (double) h)), CLAMP_HEIGHT);
    if (h < patch) return resize(page, (int) (w * (patch / (double) h)), patch);
    return page;
  }

  static Mat resize(Mat image, int width, int height) {
    Mat out = new Mat();
    Imgproc.resize(image, out, new Size(width, height), 0, 0, Imgproc.INTER_LINEAR);
    return out;
  }

  private static int columns(int pixels, int patch) {
    return (pixels + patch - 1) / patch;
  }

  /** The page resized and padded to whole tiles. */
  Mat padded() {
    return padded;
  }

  int columns() {
    return padded.cols() / patch;
  }

  int rows() {
    return padded.rows() / patch;
  }

  int count() {
    return columns() * rows();
  }

  /** The resized page's size, before the padding. */
  int width() {
    return width;
  }

  int height() {
    return height;
  }

  /** Tile {@code index} (row by row), binarised on its own as BDRC does. */
  Mat binarized(int index) {
    int x = (index % columns()) * patch, y = (index / columns()) * patch;
    return LinePreprocessing.binarize(padded.submat(new Rect(x, y, patch, patch)).clone());
  }

  /**
   * Per-tile scores of one class, thresholded ({@code 1} above), put back together, cut to the
   * resized page and scaled to {@code pageWidth}×{@code pageHeight} as BDRC does: a linear resize
   * of the 0/1 map in doubles, then truncated to whole numbers, so only pixels whose every
   * neighbour is on stay on. Returns a 0/255 mask.
   */
  Mat mask(boolean[] on, int pageWidth, int pageHeight) {
    OpenCv.load();
    int fullWidth = padded.cols();
    Mat map = new Mat(height, width, CvType.CV_64FC1);
    double[] row = new double[width];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) row[x] = on[y * fullWidth + x] ? 1 : 0;
      map.put(y, 0, row);
    }
    Mat scaled = map;
    if (pageWidth != width || pageHeight != height) {
      scaled = new Mat();
      Imgproc.resize(map, scaled, new Size(pageWidth, pageHeight), 0, 0, Imgproc.INTER_LINEAR);
    }
    Mat mask = new Mat(pageHeight, pageWidth, CvType.CV_8UC1);
    double[] values = new double[pageWidth];
    byte[] bytes = new byte[pageWidth];
    for (int y = 0; y < pageHeight; y++) {
      scaled.get(y, 0, values);
      for (int x = 0; x < pageWidth; x++) bytes[x] = (byte) ((int) values[x] == 0 ? 0 : 255);
      mask.put(y, 0, bytes);
    }
    return mask;
  }
}
