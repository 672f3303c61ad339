package io.ocrbatch.activities.ocr.bdrc;

import io.ocrbatch.activities.ocr.neural.CtcDecoder.Symbol;
import io.ocrbatch.activities.ocr.neural.NeuralModels;
import io.ocrbatch.activities.ocr.neural.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;

/**
 * A BDRC recognition model: line images in, CTC symbols out (BDRC's beam search). BDRC reads one
 * line at a time; lines here go in batches, which changes no line's input, as every line is padded
 * to the model's fixed input size.
 */
final class LineRecognizer {
  static final int BATCH = 8;

  /**
   * The symbols read off one line, and the line-width fraction of time step t: offset + t ×
   * perStep.
   */
  record Read(List<Symbol> symbols, double offset, double fractionPerStep) {}

  private final NeuralModels models;
  private final ModelConfig config;
  private final CtcBeamSearch decoder;
  private final int channels;

  LineRecognizer(NeuralModels models, ModelConfig config, int beamWidth) {
    this.models = models;
    this.config = config;
    this.decoder =
        new CtcBeamSearch(CtcBeamSearch.vocabulary(config.charset(), config.addBlank()), beamWidth);
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
      OutputLayout layout = OutputLayout.of(out, n, decoder.classes(), config);
      for (int i = 0; i < n; i++) {
        Mat line = lines.get(start + i);
        List<Symbol> symbols =
            decoder.decode(
                out.data(),
                layout.offset(i),
                layout.steps(),
                layout.stepStride(),
                layout.classStride());
        reads.add(read(symbols, line, layout.steps()));
      }
    }
    return reads;
  }

  /**
   * The symbols with the share of the line's width step t begins at: the line was padded by its
   * height on both sides, then scaled and centred in the model's input.
   */
  private Read read(List<Symbol> symbols, Mat line, int steps) {
    int w = line.cols(), h = line.rows();
    LinePreprocessing.Fit fit =
        LinePreprocessing.fit(w + 2 * h, h, config.inputWidth(), config.inputHeight());
    double offset = (-fit.left() / fit.scale() - h) / w;
    double perStep = config.inputWidth() / (double) steps / fit.scale() / w;
    return new Read(symbols, offset, perStep);
  }
}
