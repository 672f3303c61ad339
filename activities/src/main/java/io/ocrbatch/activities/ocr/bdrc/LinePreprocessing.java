package io.ocrbatch.activities.ocr.bdrc;

import io.ocrbatch.activities.ocr.neural.OpenCv;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * BDRC's recognition preprocessing, step by step: white padding of the line's height on both sides,
 * letterboxing to the model's input size, binarisation, and scaling to −1…1.
 */
public final class LinePreprocessing {
  static final int BLOCK_SIZE = 51, THRESHOLD_OFFSET = 13;

  private LinePreprocessing() {}

  /**
   * The line with a white h×h square added left and right, so the first and last glyph are not at
   * the edge.
   */
  public static Mat padSides(Mat line) {
    Mat padded = new Mat();
    Core.copyMakeBorder(
        line, padded, 0, 0, line.rows(), line.rows(), Core.BORDER_CONSTANT, new Scalar(255));
    return padded;
  }

  /** Where a letterboxed line sits in the model's input: its scale and its size there. */
  public record Fit(double scale, int width, int height) {}

  public static Fit fit(Mat line, int width, int height) {
    return fit(line.cols(), line.rows(), width, height);
  }

  public static Fit fit(int cols, int rows, int width, int height) {
    double scale = Math.min(width / (double) cols, height / (double) rows);
    return new Fit(
        scale,
        Math.max(1, Math.min(width, (int) Math.round(cols * scale))),
        Math.max(1, Math.min(height, (int) Math.round(rows * scale))));
  }

  /**
   * The line scaled to fit {@code width}×{@code height}, keeping its shape, at the top left of a
   * white image.
   */
  public static Mat letterbox(Mat line, int width, int height) {
    Fit fit = fit(line, width, height);
    Mat resized = new Mat();
    Imgproc.resize(line, resized, new Size(fit.width(), fit.height()), 0, 0, Imgproc.INTER_AREA);
    Mat boxed = new Mat(height, width, line.type(), new Scalar(255));
    resized.copyTo(boxed.submat(new Rect(0, 0, fit.width(), fit.height())));
    return boxed;
  }

  /** Black text on white: an adaptive (Gaussian) threshold, which survives uneven paper. */
  public static Mat binarize(Mat gray) {
    Mat bw = new Mat();
    Imgproc.adaptiveThreshold(
        gray,
        bw,
        255,
        Imgproc.ADAPTIVE_THRESH_GAUSSIAN_C,
        Imgproc.THRESH_BINARY,
        BLOCK_SIZE,
        THRESHOLD_OFFSET);
    return bw;
  }

  /**
   * Pixels as x/127.5 − 1, row-major, transposed (width-major) when the model wants {@code
   * swap_hw}.
   */
  public static float[] scaled(Mat gray, boolean swapHw) {
    byte[] pixels = OpenCv.bytes(gray);
    int w = gray.cols(), h = gray.rows();
    float[] out = new float[pixels.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float v = (pixels[y * w + x] & 0xff) / 127.5f - 1f;
        out[swapHw ? x * h + y : y * w + x] = v;
      }
    }
    return out;
  }

  /** All steps: the model's input for one line image (gray), {@code H×W} or {@code W×H} values. */
  public static float[] prepare(Mat line, ModelConfig config) {
    Mat boxed = letterbox(padSides(line), config.inputWidth(), config.inputHeight());
    return scaled(binarize(boxed), config.swapHw());
  }
}
