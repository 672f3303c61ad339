package io.ocrbatch.activities.ocr.bdrc;

import io.ocrbatch.activities.ocr.neural.NeuralModels;
import io.ocrbatch.activities.ocr.neural.OpenCv;
import io.ocrbatch.activities.ocr.neural.Planes;
import io.ocrbatch.activities.ocr.neural.Tensor;
import org.opencv.core.Mat;

/**
 * A BDRC line or layout model ({@code LineDetection.predict}, {@code LayoutDetection.predict}): the
 * page's binarised tiles in, a line mask of the page's size out. A line model's score (a sigmoid)
 * marks line pixels above 0.9; a layout model's classes are a softmax, and the pixels of its {@code
 * line} class above 0.8 are lines (its other classes, such as margin and caption, are not read, as
 * in BDRC's pipeline).
 */
final class LineDetector {
  static final float LINE_THRESHOLD = 0.9f, LAYOUT_THRESHOLD = 0.8f;
  static final int BATCH = 4;
  private static final float[] UNIT_MEAN = {0f}, UNIT_STD = {1f};

  private final NeuralModels models;
  private final ModelConfig config;
  private final int channels;

  LineDetector(NeuralModels models, ModelConfig config) {
    this.models = models;
    this.config = config;
    this.channels = LineRecognizer.channels(models, config, 3);
  }

  /** The line mask (0 or 255) of a gray page, at the page's size. */
  Mat mask(Mat page) {
    int p = config.patchSize();
    PageTiles tiles = PageTiles.of(page, p);
    int width = tiles.padded().cols(), tile = p * p;
    boolean[] on = new boolean[width * tiles.padded().rows()];
    for (int start = 0; start < tiles.count(); start += BATCH) {
      int n = Math.min(BATCH, tiles.count() - start);
      float[] input = new float[n * channels * tile];
      for (int i = 0; i < n; i++) {
        byte[] pixels = OpenCv.bytes(tiles.binarized(start + i));
        Planes.write(pixels, p, p, channels, UNIT_MEAN, UNIT_STD, input, i * channels * tile, p);
      }
      Tensor out =
          models.run(
              config.modelFile(),
              new Tensor(input, new long[] {n, channels, p, p}),
              config.inputLayer(),
              config.outputLayer());
      int planes = out.data().length / n / tile;
      if (config.isLayout() && planes != config.classes().size()) {
        throw new IllegalStateException(
            "layout model "
                + config.name()
                + " gives "
                + planes
                + " planes for its "
                + config.classes().size()
                + " classes "
                + config.classes());
      }
      for (int i = 0; i < n; i++) {
        int t = start + i, x0 = (t % tiles.columns()) * p, y0 = (t / tiles.columns()) * p;
        int base = i * planes * tile;
        for (int k = 0; k < tile; k++)
          on[(y0 + k / p) * width + x0 + k % p] = isLine(out.data(), base + k, planes, tile);
      }
    }
    return tiles.mask(on, page.cols(), page.rows());
  }

  private boolean isLine(float[] scores, int at, int planes, int tile) {
    if (config.isLayout()) {
      int line = config.classes().indexOf(ModelConfig.LINE_CLASS);
      float max = Float.NEGATIVE_INFINITY;
      for (int c = 0; c < planes; c++) max = Math.max(max, scores[at + c * tile]);
      float sum = 0;
      for (int c = 0; c < planes; c++) sum += (float) Math.exp(scores[at + c * tile] - max);
      return (float) Math.exp(scores[at + line * tile] - max) / sum > LAYOUT_THRESHOLD;
    }
    float v = scores[at + (planes - 1) * tile];
    float score = config.sigmoid() ? 1f / (1f + (float) Math.exp(-v)) : v;
    return score > LINE_THRESHOLD;
  }
}
