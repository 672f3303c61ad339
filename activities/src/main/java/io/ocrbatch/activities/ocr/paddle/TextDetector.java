package io.ocrbatch.activities.ocr.paddle;

import io.ocrbatch.activities.ocr.neural.NeuralModels;
import io.ocrbatch.activities.ocr.neural.OpenCv;
import io.ocrbatch.activities.ocr.neural.Planes;
import io.ocrbatch.activities.ocr.neural.Quad;
import io.ocrbatch.activities.ocr.neural.Tensor;
import io.ocrbatch.activities.ocr.neural.TextRegions;
import java.nio.file.Path;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** PP-OCRv4 text detection (DB): a text score map, turned into rotated line regions. */
final class TextDetector {
  private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
  private static final float[] STD = {0.229f, 0.224f, 0.225f};

  /**
   * Pages are detected at about this resolution: body text is then 10–40 px high, as DB was
   * trained.
   */
  static final double DETECTION_DPI = 160;

  static final int MAX_SIDE = 4096;

  private final NeuralModels models;
  private final Path model;

  TextDetector(NeuralModels models, Path model) {
    this.models = models;
    this.model = model;
  }

  List<Quad> detect(Mat page, int dpi) {
    double scale =
        Math.min(
            1.0,
            Math.min(DETECTION_DPI / dpi, MAX_SIDE / (double) Math.max(page.cols(), page.rows())));
    int w = multipleOf32(page.cols() * scale);
    int h = multipleOf32(page.rows() * scale);
    Mat resized = new Mat();
    Imgproc.resize(page, resized, new Size(w, h), 0, 0, Imgproc.INTER_AREA);
    float[] input = new float[3 * w * h];
    Planes.write(OpenCv.bytes(resized), w, h, 3, MEAN, STD, input, 0, w);
    Tensor scores = models.run(model, new Tensor(input, new long[] {1, 3, h, w}));
    int mapH = scores.dim(scores.rank() - 2), mapW = scores.dim(scores.rank() - 1);
    double sx = page.cols() / (double) mapW, sy = page.rows() / (double) mapH;
    return TextRegions.find(scores.data(), mapW, mapH, TextRegions.Settings.PADDLE).stream()
        .map(q -> q.scaled(sx, sy))
        .toList();
  }

  private static int multipleOf32(double size) {
    return Math.max(32, (int) Math.round(size / 32) * 32);
  }
}
