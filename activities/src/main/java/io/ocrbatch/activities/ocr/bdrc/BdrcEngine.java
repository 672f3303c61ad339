package io.ocrbatch.activities.ocr.bdrc;

import io.bdrc.ewtsconverter.EwtsConverter;
import io.ocrbatch.activities.ocr.EngineUnavailableException;
import io.ocrbatch.activities.ocr.OcrEngine;
import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.ocr.neural.LineTexts;
import io.ocrbatch.activities.ocr.neural.NeuralModels;
import io.ocrbatch.activities.ocr.neural.OpenCv;
import io.ocrbatch.activities.ocr.neural.Quad;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.opencv.core.Mat;
import org.opencv.core.Point;

/**
 * OCR with BDRC model directories, as BDRC's own pipeline ({@code OCRPipeline.run_ocr}) does it:
 * the line or layout model's mask, BDRC's line extraction and order, its recognizer input and CTC
 * beam search; each line's text then has BDRC's tsheg {@code §} as a space, and a Wylie model's
 * line is converted to Unicode as a whole (a Wylie space is a tsheg), unless the job type wants
 * Wylie, which is then the model's own. Lines come in BDRC's order, as one text block.
 */
public final class BdrcEngine implements OcrEngine {
  /** BDRC's encoding of the tsheg in its Wylie charsets (a Wylie space). */
  static final String TSHEG = "§";

  private final ModelDirectory.Pair models;
  private final NeuralModels neural;
  private final BdrcOptions options;
  private final LineRecognizer recognizer;
  private final LineDetector detector;
  private final UnaryOperator<String> lineText;
  private final String encoding;

  /**
   * @param encoding the job type's output encoding; a Wylie model writes Wylie itself, as BDRC
   *     does, rather than Wylie converted to Unicode and back
   */
  public BdrcEngine(
      NeuralModels neural,
      ModelDirectory.Pair models,
      boolean singleLine,
      BdrcOptions options,
      String encoding) {
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
    this.options = options;
    this.recognizer = new LineRecognizer(neural, models.recognition(), options.beamWidth());
    this.detector = singleLine ? null : new LineDetector(neural, models.lines());
    boolean wylieModel = "wylie".equals(models.recognition().encoder());
    this.encoding = wylieModel && "wylie".equals(encoding) ? "wylie" : "unicode";
    if (wylieModel && !"wylie".equals(encoding)) {
      EwtsConverter converter = new EwtsConverter();
      this.lineText = converter::toUnicode;
    } else {
      this.lineText = t -> t;
    }
  }

  @Override
  public String encoding() {
    return encoding;
  }

  @Override
  public String version() {
    ModelConfig r = models.recognition();
    String lines = models.lines() == null ? "" : " + " + models.lines().name();
    String changed =
        options.equals(BdrcOptions.DEFAULTS)
            ? ""
            : String.format(
                " [k-factor %s, bbox-tolerance %s, merge-lines %s, beam-width %d]",
                options.kFactor(),
                options.bboxTolerance(),
                options.mergeLines() ? "yes" : "no",
                options.beamWidth());
    return BdrcProvider.ID
        + " "
        + r.name()
        + (r.version().isEmpty() ? "" : " " + r.version())
        + lines
        + changed
        + " ("
        + NeuralModels.engineFor(r.modelFile())
        + ", "
        + neural.device()
        + ")";
  }

  @Override
  public PageText recognize(BufferedImage grayPage, int dpi) {
    Mat page = OpenCv.gray(grayPage);
    int width = grayPage.getWidth(), height = grayPage.getHeight();
    List<LineExtraction.Crop> crops =
        detector == null
            ? List.of(new LineExtraction.Crop(page, whole(page)))
            : LineExtraction.crops(page, detector.mask(page), options);
    List<Mat> images = new ArrayList<>(crops.size());
    for (LineExtraction.Crop crop : crops) images.add(crop.image());
    List<LineRecognizer.Read> reads = recognizer.read(images);
    List<PageText.Line> lines = new ArrayList<>();
    for (int i = 0; i < crops.size(); i++) {
      LineRecognizer.Read read = reads.get(i);
      var placement =
          new LineTexts.Placement(
              crops.get(i).region(),
              false,
              read.offset(),
              read.fractionPerStep(),
              lineText,
              TSHEG::equals);
      LineTexts.line(read.symbols(), placement, width, height, 0f).ifPresent(lines::add);
    }
    return PageText.oneRegion(width, height, lines);
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
