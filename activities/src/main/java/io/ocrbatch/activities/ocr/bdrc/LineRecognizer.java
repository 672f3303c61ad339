package io.ocrbatch.activities.ocr.bdrc;

import io.ocrbatch.activities.ocr.neural.Alphabet;
import io.ocrbatch.activities.ocr.neural.CtcDecoder;
import io.ocrbatch.activities.ocr.neural.CtcDecoder.Symbol;
import io.ocrbatch.activities.ocr.neural.NeuralModels;
import io.ocrbatch.activities.ocr.neural.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;

/** A BDRC recognition model: line images in, CTC symbols out, in batches. */
final class LineRecognizer {
  static final int BATCH = 8;

  /**
   * The symbols read off one line, and the line-width fraction of time step t: offset + t ×
   * perStep.
   */
  record Read(List<Symbol> symbols, double offset, double fractionPerStep) {}

  private final NeuralModels models;
  private final ModelConfig config;
  private final CtcDecoder decoder;
  private final int channels;

  LineRecognizer(NeuralModels models, ModelConfig config) {
    this.models = models;
    this.config = config;
    this.decoder =
        new CtcDecoder(
            config.addBlank()
                ? Alphabet.withBlankFirst(config.charset())
                : Alphabet.blankIncluded(config.charset()));
    this.channels = config.squeezeChannel() ? 0 : channels(models, config, 1);
  }

  /**
   * Channels the model takes: {@code input_channels}, else its declared input shape, else {@code
   * otherwise}.
   */
  static int channels(NeuralModels models, ModelConfig config, int otherwise) {
    if (config.inputChannels() != null) return config.inputChannels();
    for (long[] shape : models.inputShapes(config.modelFile())) {
      if (shape.length == 4 && (shape[1] == 1 || shape[1] == 3)) return (int) shape[1];
    }
    return otherwise;
  }

  List<Read> read(List<Mat> lines) {
    List<Read> reads = new ArrayList<>(lines.size());
    int h = config.inputHeight(), w = config.inputWidth();
    int plane = h * w;
    for (int start = 0; start < lines.size(); start += BATCH) {
      int n = Math.min(BATCH, lines.size() - start);
      int perLine = plane * Math.max(1, channels);
      float[] input = new float[n * perLine];
      for (int i = 0; i < n; i++) {
        float[] pixels = LinePreprocessing.prepare(lines.get(start + i), config);
        for (int c = 0; c < Math.max(1, channels); c++)
          System.arraycopy(pixels, 0, input, i * perLine + c * plane, plane);
      }
      long first = config.swapHw() ? w : h, second = config.swapHw() ? h : w;
      long[] shape =
          channels == 0 ? new long[] {n, first, second} : new long[] {n, channels, first, second};
      Tensor out =
          models.run(
              config.modelFile(),
              new Tensor(input, shape),
              config.inputLayer(),
              config.outputLayer());
      OutputLayout layout = OutputLayout.of(out, n, decoder.alphabet().size(), config);
      for (int i = 0; i < n; i++) {
        Mat line = lines.get(start + i);
        List<Symbol> symbols =
            decoder.decode(
                out.data(),
                layout.offset(i),
                layout.steps(),
                layout.stepStride(),
                layout.classStride());
        reads.add(
            new Read(symbols, -line.rows() / (double) line.cols(), perStep(line, layout.steps())));
      }
    }
    return reads;
  }

  /**
   * The share of the original line's width one time step covers, after padding and letterboxing.
   */
  private double perStep(Mat line, int steps) {
    int paddedWidth = line.cols() + 2 * line.rows(); // LinePreprocessing.padSides
    double scale =
        LinePreprocessing.fit(paddedWidth, line.rows(), config.inputWidth(), config.inputHeight())
            .scale();
    return config.inputWidth() / (double) steps / scale / line.cols();
  }
}
