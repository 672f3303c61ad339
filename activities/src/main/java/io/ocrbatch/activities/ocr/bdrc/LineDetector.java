package io.ocrbatch.activities.ocr.bdrc;

import io.ocrbatch.activities.ocr.neural.NeuralModels;
import io.ocrbatch.activities.ocr.neural.OpenCv;
import io.ocrbatch.activities.ocr.neural.Planes;
import io.ocrbatch.activities.ocr.neural.Quad;
import io.ocrbatch.activities.ocr.neural.Tensor;
import io.ocrbatch.activities.ocr.neural.TextRegions;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;

/**
 * A BDRC line-detection model: the binarised page cut into {@code patch_size} tiles, each tile's
 * line score (sigmoid) above 0.9 marks line pixels, and each connected line becomes a rotated
 * region, grown to take in ascenders and descenders, and joined across tile edges.
 */
final class LineDetector {
  static final float LINE_THRESHOLD = 0.9f;
  static final int BATCH = 4;
  private static final float[] UNIT_MEAN = {0f}, UNIT_STD = {1f};
  static final TextRegions.Settings LINES = new TextRegions.Settings(0.5f, 0f, 1.2, 4, 2000);

  private final NeuralModels models;
  private final ModelConfig config;
  private final int channels;

  LineDetector(NeuralModels models, ModelConfig config) {
    this.models = models;
    this.config = config;
    this.channels = LineRecognizer.channels(models, config, 3);
  }

  List<Quad> detect(Mat page) {
    int p = config.patchSize();
    int cols = (page.cols() + p - 1) / p, rows = (page.rows() + p - 1) / p;
    Mat padded = new Mat();
    Core.copyMakeBorder(
        LinePreprocessing.binarize(page),
        padded,
        0,
        rows * p - page.rows(),
        0,
        cols * p - page.cols(),
        Core.BORDER_CONSTANT,
        new Scalar(255));
    int width = cols * p;
    float[] mask = new float[rows * p * width];
    int tiles = rows * cols, tile = p * p;
    for (int start = 0; start < tiles; start += BATCH) {
      int n = Math.min(BATCH, tiles - start);
      float[] input = new float[n * channels * tile];
      for (int i = 0; i < n; i++) {
        int t = start + i;
        byte[] pixels = OpenCv.bytes(padded.submat(new Rect((t % cols) * p, (t / cols) * p, p, p)));
        Planes.write(
            pixels, p, p, channels, UNIT_MEAN, UNIT_STD, input, i * channels * tile, p); // x/255
      }
      Tensor out =
          models.run(
              config.modelFile(),
              new Tensor(input, new long[] {n, channels, p, p}),
              config.inputLayer(),
              config.outputLayer());
      int perTile = out.data().length / n;
      for (int i = 0; i < n; i++) {
        int t = start + i, x0 = (t % cols) * p, y0 = (t / cols) * p;
        int base = i * perTile + perTile - tile; // the last plane: the "line" class
        for (int k = 0; k < tile; k++) {
          float v = out.data()[base + k];
          float score = config.sigmoid() ? (float) (1 / (1 + Math.exp(-v))) : v;
          mask[(y0 + k / p) * width + x0 + k % p] = score > LINE_THRESHOLD ? 1 : 0;
        }
      }
    }
    return TextRegions.joinRows(TextRegions.find(mask, width, rows * p, LINES));
  }
}
