package io.ocrbatch.activities.ocr.bdrc;

import io.ocrbatch.activities.ocr.neural.OpenCv;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * BDRC's recognition preprocessing ({@code OCRInference._pre_pad}, {@code _prepare_ocr_line}), step
 * by step: a white square of the line's height on both sides; the line scaled (linear
 * interpolation) to the model's input width, or to its height when the input is relatively wider,
 * and centred on black; binarisation; scaling to −1…1.
 */
public final class LinePreprocessing {
  static final int BLOCK_SIZE = 51, THRESHOLD_OFFSET = 13;

  private LinePreprocessing() {}

  /** The line with a white h×h square added left and right. */
  public static Mat padSides(Mat line) {
    Mat padded = new Mat();
    Core.copyMakeBorder(
        line, padded, 0, 0, line.rows(), line.rows(), Core.BORDER_CONSTANT, new Scalar(255));
    return padded;
  }

  /**
   * Where a line of {@code cols}×{@code rows} goes in a {@code width}×{@code height} input: its
   * scale, its size there, and its top-left corner.
   */
  public record Fit(double scale, int width, int height, int left, int top) {}

  public static Fit fit(int cols, int rows, int width, int height) {
    double widthRatio = width / (double) cols, heightRatio = height / (double) rows;
    if (widthRatio <= heightRatio) {
      int h = Math.max(1, (int) (rows * widthRatio)); // BDRC fails the page on a line of no height
      return new Fit(widthRatio, width, h, 0, Math.floorDiv(height - h, 2));
    }
    int w = Math.max(1, (int) (cols * heightRatio));
    return new Fit(heightRatio, w, height, Math.floorDiv(width - w, 2), 0);
  }

  /** The line scaled into a black {@code width}×{@code height} image, centred. */
  public static Mat pad(Mat line, int width, int height) {
    Fit fit = fit(line.cols(), line.rows(), width, height);
    Mat resized = PageTiles.resize(line, fit.width(), fit.height());
    Mat boxed = Mat.zeros(height, width, line.type());
    resized.copyTo(boxed.submat(new Rect(fit.left(), fit.top(), fit.width(), fit.height())));
    return boxed;
  }

  /** Black text on white: an adaptive (Gaussian) threshold, which survives uneven paper. */
  public static Mat binarize(Mat gray) {
    OpenCv.load();
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
   * Pixels as x/127.5 − 1 (in doubles, then floats, as numpy does), row-major, transposed
   * (width-major) when the model wants {@code swap_hw}.
   */
  public static float[] scaled(Mat gray, boolean swapHw) {
    byte[] pixels = OpenCv.bytes(gray);
    int w = gray.cols(), h = gray.rows();
    float[] out = new float[pixels.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float v = (float) ((pixels[y * w + x] & 0xff) / 127.5 - 1.0);
        out[swapHw ? x * h + y : y * w + x] = v;
      }
    }
    return out;
  }

  /** All steps: the model's input for one line image (gray), {@code H×W} or {@code W×H} values. */
  public static float[] prepare(Mat line, ModelConfig config) {
    Mat boxed = pad(padSides(line), config.inputWidth(), config.inputHeight());
    return scaled(binarize(boxed), config.swapHw());
  }
}
