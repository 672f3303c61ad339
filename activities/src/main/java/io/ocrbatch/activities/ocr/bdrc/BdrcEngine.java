package io.ocrbatch.activities.ocr.bdrc;

import io.bdrc.ewtsconverter.EwtsConverter;
import io.ocrbatch.activities.ocr.EngineUnavailableException;
import io.ocrbatch.activities.ocr.OcrEngine;
import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.ocr.layout.Orientation;
import io.ocrbatch.activities.ocr.layout.PageLayout;
import io.ocrbatch.activities.ocr.neural.CtcDecoder.Symbol;
import io.ocrbatch.activities.ocr.neural.LineTexts;
import io.ocrbatch.activities.ocr.neural.NeuralModels;
import io.ocrbatch.activities.ocr.neural.OpenCv;
import io.ocrbatch.activities.ocr.neural.Quad;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.opencv.core.Mat;
import org.opencv.core.Point;

/**
 * OCR with BDRC model directories: lines found by the line model (or the whole image as one line),
 * read by the recognition model; Wylie output is converted to Unicode ({@code §} is a space, a
 * plain space in Wylie is a tsheg), which the job type's encoding may turn back into Wylie.
 */
public final class BdrcEngine implements OcrEngine {
  /** BDRC's separator symbol for a real space (a space in Wylie is a tsheg). */
  static final String SPACE = "§";

  private final ModelDirectory.Pair models;
  private final NeuralModels neural;
  private final LineRecognizer recognizer;
  private final LineDetector detector;
  private final UnaryOperator<String> toUnicode;
  private final Predicate<String> separator;

  public BdrcEngine(NeuralModels neural, ModelDirectory.Pair models, boolean singleLine) {
    if (!singleLine && models.lines() == null) {
      throw new EngineUnavailableException(
          "model '"
              + models.recognition().name()
              + "' reads single lines: name a line model"
              + " as '"
              + models.recognition().name()
              + "+<LineModel>' or use line mode 'line'");
    }
    this.models = models;
    this.neural = neural;
    this.recognizer = new LineRecognizer(neural, models.recognition());
    this.detector = singleLine ? null : new LineDetector(neural, models.lines());
    boolean wylie = "wylie".equals(models.recognition().encoder());
    EwtsConverter converter = wylie ? new EwtsConverter() : null;
    this.toUnicode = wylie ? converter::toUnicode : t -> t;
    this.separator = wylie ? SPACE::equals : s -> s.isBlank() || SPACE.equals(s);
  }

  @Override
  public String version() {
    ModelConfig r = models.recognition();
    String lines = models.lines() == null ? "" : " + " + models.lines().name();
    return BdrcProvider.ID
        + " "
        + r.name()
        + (r.version().isEmpty() ? "" : " " + r.version())
        + lines
        + " ("
        + NeuralModels.engineFor(r.modelFile())
        + ", "
        + neural.device()
        + ")";
  }

  @Override
  public PageText recognize(BufferedImage grayPage, int dpi) {
    Mat page = OpenCv.gray(grayPage);
    List<Quad> regions = detector == null ? List.of(whole(page)) : detector.detect(page);
    List<Mat> crops = new ArrayList<>(regions.size());
    for (Quad region : regions) crops.add(region.crop(page));
    List<LineRecognizer.Read> reads = recognizer.read(crops);
    List<PageText.Line> lines = new ArrayList<>();
    for (int i = 0; i < regions.size(); i++) {
      LineRecognizer.Read read = reads.get(i);
      List<Symbol> symbols = read.symbols();
      if (symbols.isEmpty()) continue;
      var placement =
          new LineTexts.Placement(
              regions.get(i), false, read.offset(), read.fractionPerStep(), toUnicode, separator);
      LineTexts.line(symbols, placement, grayPage.getWidth(), grayPage.getHeight(), 0f)
          .ifPresent(lines::add);
    }
    return PageLayout.layout(grayPage.getWidth(), grayPage.getHeight(), lines, Orientation.UPRIGHT);
  }

  private static Quad whole(Mat page) {
    return new Quad(
        new Point(0, 0),
        new Point(page.cols(), 0),
        new Point(page.cols(), page.rows()),
        new Point(0, page.rows()));
  }

  @Override
  public void close() {} // the models are the worker's
}
