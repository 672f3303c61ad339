package io.ocrbatch.activities.ocr.tesseractlines;

import io.ocrbatch.activities.ocr.Box;
import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.ocr.neural.OpenCv;
import io.ocrbatch.activities.ocr.tesseract.TesseractEngine;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Tesseract reading one line image (black strokes on white) as a single line: PSM 7, scaled to
 * {@link #LINE_HEIGHT}. Tesseract 5.5 sometimes finds nothing in a whole long line that it reads
 * well in halves; such a line is read again in two pieces, cut at the blank column run nearest its
 * middle, and a piece still empty is read as a raw line (PSM 13).
 */
final class LineReader {
  /** Lines are scaled to this height (their tallest stack) before Tesseract reads them. */
  static final int LINE_HEIGHT = 96;

  /**
   * Woodblock letters are narrower than the fonts {@code bod} was trained on: widening lines by
   * this factor loses fewer letters (measured on the shared pecha set, 1.0 to 2.0).
   */
  static final double WIDEN = 1.15;

  static final int SINGLE_LINE = 7, RAW_LINE = 13;

  /** What was read: words in the line image's pixels, and Tesseract's mean line confidence. */
  record Read(List<PageText.Word> words, float confidence) {}

  private final TesseractEngine tesseract;

  /** Reads with this handle (its page segmentation mode is set per call). */
  LineReader(TesseractEngine tesseract) {
    this.tesseract = tesseract;
  }

  /** The words of the line; none where Tesseract reads nothing. */
  Read read(BufferedImage line, int dpi) {
    List<PageText.Word> words = new ArrayList<>();
    double[] confidence = new double[2]; // sum, count of Tesseract's lines
    read(line, 0, line.getWidth(), dpi, true, words, confidence);
    return new Read(words, confidence[1] == 0 ? 0 : (float) (confidence[0] / confidence[1]));
  }

  private void read(
      BufferedImage line,
      int x0,
      int x1,
      int dpi,
      boolean mayCut,
      List<PageText.Word> words,
      double[] confidence) {
    BufferedImage piece = x0 == 0 && x1 == line.getWidth() ? line : columns(line, x0, x1);
    double scale = LINE_HEIGHT / (double) piece.getHeight();
    int pad = LINE_HEIGHT / 3;
    BufferedImage prepared = prepared(piece, scale, pad);
    int lineDpi = (int) Math.max(70, Math.round(dpi * scale));
    PageText text = tesseract.recognize(prepared, lineDpi, SINGLE_LINE);
    if (text.lines().isEmpty() && mayCut) {
      int cut = blankNearMiddle(piece);
      if (cut > 0) {
        read(line, x0, x0 + cut, dpi, false, words, confidence);
        read(line, x0 + cut, x1, dpi, false, words, confidence);
        return;
      }
    }
    if (text.lines().isEmpty()) text = tesseract.recognize(prepared, lineDpi, RAW_LINE);
    for (PageText.Line part : text.lines()) {
      confidence[0] += part.confidence();
      confidence[1]++;
      for (PageText.Word word : part.words())
        words.add(
            new PageText.Word(
                word.text(), inLine(word.box(), scale, pad, piece, x0), word.confidence()));
    }
  }

  /** Columns {@code [x0, x1)} of the line, as an image of their own. */
  private static BufferedImage columns(BufferedImage line, int x0, int x1) {
    BufferedImage out = new BufferedImage(x1 - x0, line.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    out.getGraphics().drawImage(line, -x0, 0, null);
    return out;
  }

  /**
   * The middle of a run of blank columns between strokes, the one nearest the line's middle (a wide
   * run counts as nearer: the gap between words rather than letters); -1 where none.
   */
  static int blankNearMiddle(BufferedImage line) {
    int width = line.getWidth(), height = line.getHeight();
    byte[] pixels = ((DataBufferByte) line.getRaster().getDataBuffer()).getData();
    boolean[] blank = new boolean[width];
    for (int x = 0; x < width; x++) {
      blank[x] = true;
      for (int y = 0; y < height && blank[x]; y++)
        if ((pixels[y * width + x] & 0xff) < 128) blank[x] = false;
    }
    int best = -1;
    double bestDistance = Double.MAX_VALUE;
    for (Profiles.Span run : Profiles.spans(blank)) {
      if (run.start() == 0 || run.end() == width) continue;
      int middle = (run.start() + run.end()) / 2;
      double distance = Math.abs(middle - width / 2.0) - 4.0 * (run.end() - run.start());
      if (distance < bestDistance) {
        bestDistance = distance;
        best = middle;
      }
    }
    return best;
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

  /** A box Tesseract found in the prepared piece, in the line image's pixels. */
  private static Box inLine(Box box, double scale, int pad, BufferedImage piece, int x0) {
    double sx = scale * WIDEN;
    return new Box(
        x0 + clamp((box.x1() - pad) / sx, piece.getWidth()),
        clamp((box.y1() - pad) / scale, piece.getHeight()),
        x0 + clamp((box.x2() - pad) / sx, piece.getWidth()),
        clamp((box.y2() - pad) / scale, piece.getHeight()));
  }

  private static int clamp(double v, int max) {
    return (int) Math.max(0, Math.min(max, Math.round(v)));
  }
}
