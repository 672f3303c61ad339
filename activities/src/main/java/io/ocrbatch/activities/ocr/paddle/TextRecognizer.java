package io.ocrbatch.activities.ocr.paddle;

import io.ocrbatch.activities.ocr.neural.CtcDecoder;
import io.ocrbatch.activities.ocr.neural.CtcDecoder.Symbol;
import io.ocrbatch.activities.ocr.neural.NeuralModels;
import io.ocrbatch.activities.ocr.neural.OpenCv;
import io.ocrbatch.activities.ocr.neural.Planes;
import io.ocrbatch.activities.ocr.neural.Tensor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * PP-OCRv4 recognition: line images 48 px high, batched by similar width (padded to the widest of
 * the batch), CTC-decoded.
 */
final class TextRecognizer {
  static final int HEIGHT = 48, MIN_WIDTH = 320;
  private static final float[] HALF = {0.5f};

  /** What was read off one line image; a time step covers {@code fractionPerStep} of its width. */
  record Read(List<Symbol> symbols, double fractionPerStep) {}

  private final NeuralModels models;
  private final Path model;
  private final int batch;

  TextRecognizer(NeuralModels models, Path model, int batch) {
    this.models = models;
    this.model = model;
    this.batch = batch;
  }

  List<Read> read(List<Mat> crops, CtcDecoder decoder) {
    Read[] reads = new Read[crops.size()];
    Integer[] order = IntStream.range(0, crops.size()).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> ratio(crops.get(i))));
    for (int start = 0; start < order.length; start += batch) {
      int n = Math.min(batch, order.length - start);
      double widest = MIN_WIDTH / (double) HEIGHT;
      for (int i = 0; i < n; i++) widest = Math.max(widest, ratio(crops.get(order[start + i])));
      int inputWidth = (int) Math.ceil(HEIGHT * widest);
      int plane = 3 * HEIGHT * inputWidth;
      float[] input = new float[n * plane];
      int[] widths = new int[n];
      for (int i = 0; i < n; i++) {
        Mat crop = crops.get(order[start + i]);
        widths[i] = Math.max(1, Math.min(inputWidth, (int) Math.ceil(HEIGHT * ratio(crop))));
        Mat resized = new Mat();
        Imgproc.resize(
            crop,
            resized,
            new Size(widths[i], HEIGHT),
            0,
            0,
            crop.rows() < HEIGHT ? Imgproc.INTER_CUBIC : Imgproc.INTER_AREA);
        Planes.write(
            OpenCv.bytes(resized), widths[i], HEIGHT, 3, HALF, HALF, input, i * plane, inputWidth);
      }
      Tensor out = models.run(model, new Tensor(input, new long[] {n, 3, HEIGHT, inputWidth}));
      int steps = out.dim(1), classes = out.dim(2);
      if (classes != decoder.alphabet().size()) {
        throw new IllegalStateException(
            "recognition model "
                + model.getFileName()
                + " has "
                + classes
                + " classes but its dictionary "
                + decoder.alphabet().size());
      }
      for (int i = 0; i < n; i++) {
        List<Symbol> symbols = decoder.decode(out.data(), i * steps * classes, steps, classes, 1);
        reads[order[start + i]] = new Read(symbols, inputWidth / (double) steps / widths[i]);
      }
    }
    return List.of(reads);
  }

  private static double ratio(Mat crop) {
    return crop.cols() / (double) crop.rows();
  }
}
