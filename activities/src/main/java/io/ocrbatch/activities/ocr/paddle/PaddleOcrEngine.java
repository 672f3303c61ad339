package io.ocrbatch.activities.ocr.paddle;

import io.ocrbatch.activities.ocr.OcrEngine;
import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.ocr.layout.Orientation;
import io.ocrbatch.activities.ocr.layout.PageLayout;
import io.ocrbatch.activities.ocr.neural.CtcDecoder;
import io.ocrbatch.activities.ocr.neural.CtcDecoder.Symbol;
import io.ocrbatch.activities.ocr.neural.LineTexts;
import io.ocrbatch.activities.ocr.neural.NeuralModels;
import io.ocrbatch.activities.ocr.neural.OpenCv;
import io.ocrbatch.activities.ocr.neural.Quad;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;

/**
 * PaddleOCR PP-OCRv4 on DJL: text detection (DB) → rotated line regions → 0°/180° classification →
 * batched CTC recognition → layout analysis (blocks and reading order). One per worker thread; the
 * models behind it are the worker's.
 */
public final class PaddleOcrEngine implements OcrEngine {
  /** PaddleOCR's {@code drop_score}: lines read with a lower mean probability are noise. */
  static final float MIN_CONFIDENCE = 0.5f;

  private final PpOcrModels models;
  private final String language;
  private final CtcDecoder decoder;

  public PaddleOcrEngine(NeuralModels neural, String language, int recognitionBatch) {
    this.models = PpOcrModels.load(neural, recognitionBatch);
    this.language = language;
    this.decoder =
        new CtcDecoder(models.alphabet(), PpOcrModels.allowedClasses(models.alphabet(), language));
  }

  @Override
  public String version() {
    return PaddleProvider.version(language, runtime());
  }

  String runtime() {
    return "onnxruntime " + models.device();
  }

  @Override
  public PageText recognize(BufferedImage grayPage, int dpi) {
    Mat page = OpenCv.gray(grayPage);
    List<Quad> regions = models.detector().detect(page, dpi);
    List<Mat> crops = new ArrayList<>(regions.size());
    for (Quad region : regions) crops.add(region.crop(page));
    boolean[] flipped = models.classifier().uprightInPlace(crops);
    List<TextRecognizer.Read> reads = models.recognizer().read(crops, decoder);
    List<PageText.Line> lines = new ArrayList<>();
    for (int i = 0; i < regions.size(); i++) {
      TextRecognizer.Read read = reads.get(i);
      List<Symbol> symbols = read.symbols();
      if (symbols.isEmpty() || CtcDecoder.text(symbols).isBlank()) continue;
      Quad region = regions.get(i);
      var placement =
          new LineTexts.Placement(
              region,
              flipped[i],
              0,
              read.fractionPerStep(),
              LineTexts::singleSpaced,
              String::isBlank);
      LineTexts.line(symbols, placement, grayPage.getWidth(), grayPage.getHeight(), MIN_CONFIDENCE)
          .ifPresent(lines::add);
    }
    boolean[] vertical = new boolean[regions.size()];
    for (int i = 0; i < regions.size(); i++) vertical[i] = regions.get(i).vertical();
    Orientation orientation = Orientation.of(mostlyTrue(vertical), mostlyTrue(flipped));
    return PageLayout.layout(grayPage.getWidth(), grayPage.getHeight(), lines, orientation);
  }

  private static boolean mostlyTrue(boolean[] flags) {
    int count = 0;
    for (boolean f : flags) if (f) count++;
    return count * 2 > flags.length;
  }

  @Override
  public void close() {} // the models are the worker's (NeuralModels), closed with it
}
