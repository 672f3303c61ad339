package io.ocrbatch.activities.ocr.paddle;

import io.ocrbatch.activities.ocr.neural.NeuralModels;
import io.ocrbatch.activities.ocr.neural.OpenCv;
import io.ocrbatch.activities.ocr.neural.Planes;
import io.ocrbatch.activities.ocr.neural.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * PaddleOCR's text direction classifier: turns line images that read upside down. The model sees
 * 48×192 pixels; a whole book line squeezed into that is unreadable and was often judged upside
 * down, so long lines are judged on up to three windows of that shape, averaged.
 */
final class AngleClassifier {
  static final int HEIGHT = 48, WIDTH = 192, BATCH = 6, MAX_WINDOWS = 3;
  static final float THRESHOLD = 0.9f;
  private static final float[] HALF = {0.5f};

  private final NeuralModels models;
  private final Path model;

  AngleClassifier(NeuralModels models, Path model) {
    this.models = models;
    this.model = model;
  }

  /** Rotates upside-down crops by 180° in place; says which ones it turned. */
  boolean[] uprightInPlace(List<Mat> crops) {
    List<Mat> windows = new ArrayList<>();
    List<Integer> owner = new ArrayList<>();
    for (int i = 0; i < crops.size(); i++) {
      for (Mat window : windows(crops.get(i))) {
        windows.add(window);
        owner.add(i);
      }
    }
    float[] upsideDown = new float[crops.size()];
    int[] counted = new int[crops.size()];
    int plane = 3 * HEIGHT * WIDTH;
    for (int start = 0; start < windows.size(); start += BATCH) {
      int n = Math.min(BATCH, windows.size() - start);
      float[] input = new float[n * plane];
      for (int i = 0; i < n; i++) {
        Mat window = windows.get(start + i);
        int w = Math.min(WIDTH, (int) Math.ceil(HEIGHT * window.cols() / (double) window.rows()));
        Mat resized = new Mat();
        Imgproc.resize(window, resized, new Size(w, HEIGHT));
        Planes.write(OpenCv.bytes(resized), w, HEIGHT, 3, HALF, HALF, input, i * plane, WIDTH);
      }
      float[] out = models.run(model, new Tensor(input, new long[] {n, 3, HEIGHT, WIDTH})).data();
      for (int i = 0; i < n; i++) {
        int line = owner.get(start + i);
        upsideDown[line] += out[2 * i + 1];
        counted[line]++;
      }
    }
    boolean[] flipped = new boolean[crops.size()];
    for (int i = 0; i < crops.size(); i++) {
      if (counted[i] > 0 && upsideDown[i] / counted[i] > THRESHOLD) {
        Core.rotate(crops.get(i), crops.get(i), Core.ROTATE_180);
        flipped[i] = true;
      }
    }
    return flipped;
  }

  /**
   * Up to three windows of the classifier's shape, spread over the line (the line itself when
   * short).
   */
  static List<Mat> windows(Mat crop) {
    int windowWidth = (int) Math.round(crop.rows() * WIDTH / (double) HEIGHT);
    if (crop.cols() <= windowWidth) return List.of(crop);
    int count = Math.min(MAX_WINDOWS, (int) Math.ceil(crop.cols() / (double) windowWidth));
    List<Mat> windows = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      int x =
          count == 1 ? 0 : (int) Math.round(k * (crop.cols() - windowWidth) / (double) (count - 1));
      windows.add(crop.submat(new Rect(x, 0, windowWidth, crop.rows())));
    }
    return windows;
  }
}
