package io.ocrbatch.activities.ocr.tesseractlines;

import io.ocrbatch.activities.ocr.Box;
import io.ocrbatch.activities.ocr.OcrEngine;
import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.ocr.Polygon;
import io.ocrbatch.activities.ocr.neural.OpenCv;
import io.ocrbatch.activities.ocr.tesseract.TesseractEngine;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Tesseract reading a page line by line: {@link PechaLines} finds the lines, Tesseract reads each
 * as a single line (PSM 7; PSM 13, raw line, where 7 finds nothing). Not thread-safe: one per
 * worker thread, like Tesseract's handle.
 */
final class TesseractLinesEngine implements OcrEngine {
  /** Lines are scaled to this height (their tallest stack) before Tesseract reads them. */
  static final int LINE_HEIGHT = 96;

  /**
   * Woodblock letters are narrower than the fonts {@code bod} was trained on: widening lines by
   * this factor loses fewer letters (measured on the shared pecha set, 1.0 to 2.0).
   */
  static final double WIDEN = 1.15;

  /**
   * What {@code bod} reads from specks and stains on a pecha: ASCII, Latin-1 punctuation and
   * general punctuation. A Tibetan job type never reads them (its digits and marks are Tibetan).
   */
  static final String NOT_TIBETAN = notTibetan();

  static final int SINGLE_LINE = 7, RAW_LINE = 13;

  private final TesseractEngine tesseract;
  private final String model;
  private final boolean wholeImageIsOneLine;
  private final boolean tibetanOnly;

  TesseractLinesEngine(
      Path tessdata, String model, boolean tibetanOnly, boolean wholeImageIsOneLine) {
    this.tesseract = new TesseractEngine(tessdata, model, SINGLE_LINE);
    this.tibetanOnly = tibetanOnly;
    if (tibetanOnly) tesseract.refuse(NOT_TIBETAN);
    this.model = model;
    this.wholeImageIsOneLine = wholeImageIsOneLine;
  }

  @Override
  public String version() {
    return TesseractLinesProvider.version(model);
  }

  @Override
  public PageText recognize(BufferedImage grayPage, int dpi) {
    List<PechaLines.Line> found =
        wholeImageIsOneLine
            ? java.util.stream.Stream.ofNullable(PechaLines.whole(grayPage)).toList()
            : PechaLines.find(grayPage);
    List<PageText.Line> lines = new ArrayList<>();
    for (PechaLines.Line line : found) {
      PageText.Line read = read(line, dpi, grayPage.getWidth(), grayPage.getHeight());
      if (read != null) lines.add(read);
    }
    return PageText.oneRegion(grayPage.getWidth(), grayPage.getHeight(), lines);
  }

  private PageText.Line read(PechaLines.Line line, int dpi, int pageWidth, int pageHeight) {
    double scale = LINE_HEIGHT / (double) line.image().getHeight();
    int pad = LINE_HEIGHT / 3;
    BufferedImage prepared = prepared(line.image(), scale, pad);
    int lineDpi = (int) Math.max(70, Math.round(dpi * scale));
    PageText text = tesseract.recognize(prepared, lineDpi);
    if (text.lines().isEmpty()) text = tesseract.recognize(prepared, lineDpi, RAW_LINE);
    if (text.lines().isEmpty()) return null;
    List<PageText.Word> words = new ArrayList<>();
    double confidence = 0;
    for (PageText.Line part : text.lines()) {
      confidence += part.confidence();
      for (PageText.Word word : part.words()) {
        Polygon outline =
            line.onPage(inLine(word.box(), scale, pad, line.image()))
                .clipped(pageWidth, pageHeight);
        words.add(new PageText.Word(word.text(), bounds(outline), word.confidence(), outline));
      }
    }
    words = TibetanWords.joined(words);
    if (tibetanOnly)
      words =
          words.stream()
              .map(
                  w ->
                      new PageText.Word(
                          Tshegs.restored(w.text()), w.box(), w.confidence(), w.polygon()))
              .toList();
    if (words.isEmpty()) return null;
    return new PageText.Line(
        String.join(" ", words.stream().map(PageText.Word::text).toList()),
        bounds(line.outline()),
        (float) (confidence / text.lines().size()),
        null,
        List.copyOf(words),
        line.outline());
  }

  /** The line scaled to {@link #LINE_HEIGHT}, widened, with a white margin Tesseract expects. */
  private static BufferedImage prepared(BufferedImage line, double scale, int pad) {
    Mat image = OpenCv.gray(line);
    Mat scaled = new Mat();
    Imgproc.resize(
        image,
        scaled,
        new Size(),
        scale * WIDEN,
        scale,
        scale > 1 ? Imgproc.INTER_CUBIC : Imgproc.INTER_AREA);
    Mat padded = new Mat();
    Core.copyMakeBorder(scaled, padded, pad, pad, pad, pad, Core.BORDER_CONSTANT, new Scalar(255));
    BufferedImage out =
        new BufferedImage(padded.cols(), padded.rows(), BufferedImage.TYPE_BYTE_GRAY);
    padded.get(0, 0, ((DataBufferByte) out.getRaster().getDataBuffer()).getData());
    image.release();
    scaled.release();
    padded.release();
    return out;
  }

  /** A box Tesseract found in the prepared image, in the line image's pixels. */
  private static Box inLine(Box box, double scale, int pad, BufferedImage line) {
    double sx = scale * WIDEN;
    return new Box(
        clamp((box.x1() - pad) / sx, line.getWidth()),
        clamp((box.y1() - pad) / scale, line.getHeight()),
        clamp((box.x2() - pad) / sx, line.getWidth()),
        clamp((box.y2() - pad) / scale, line.getHeight()));
  }

  private static int clamp(double v, int max) {
    return (int) Math.max(0, Math.min(max, Math.round(v)));
  }

  private static Box bounds(Polygon outline) {
    int x1 = Integer.MAX_VALUE,
        y1 = Integer.MAX_VALUE,
        x2 = Integer.MIN_VALUE,
        y2 = Integer.MIN_VALUE;
    for (Polygon.Point p : outline.points()) {
      x1 = Math.min(x1, p.x());
      y1 = Math.min(y1, p.y());
      x2 = Math.max(x2, p.x());
      y2 = Math.max(y2, p.y());
    }
    return new Box(x1, y1, x2, y2);
  }

  private static String notTibetan() {
    StringBuilder chars = new StringBuilder();
    for (int c = 0x21; c < 0x7f; c++) chars.appendCodePoint(c);
    for (int c = 0xa1; c < 0xc0; c++) chars.appendCodePoint(c);
    for (int c = 0x2010; c < 0x2050; c++) chars.appendCodePoint(c);
    return chars.toString();
  }

  @Override
  public void close() {
    tesseract.close();
  }
}
