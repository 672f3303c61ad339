package io.ocrbatch.activities.ocr.tesseractlines;

import io.ocrbatch.activities.ocr.Box;
import io.ocrbatch.activities.ocr.OcrEngine;
import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.ocr.Polygon;
import io.ocrbatch.activities.ocr.tesseract.TesseractEngine;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Tesseract reading a page line by line: {@link PechaLines} finds the lines, {@link LineReader}
 * reads each as a single line. For Tibetan, tshegs are put back ({@link Tshegs}, knowing from the
 * whole page whether Tesseract drops them) and misread syllables corrected ({@link
 * TibetanSpelling}). Not thread-safe: one per worker thread, like Tesseract's handle.
 */
final class TesseractLinesEngine implements OcrEngine {
  /**
   * What {@code bod} reads from specks and stains on a pecha: ASCII, Latin-1 punctuation and
   * general punctuation. A Tibetan job type never reads them (its digits and marks are Tibetan).
   */
  static final String NOT_TIBETAN = notTibetan();

  private final TesseractEngine tesseract;
  private final LineReader reader;
  private final String model;
  private final boolean wholeImageIsOneLine;
  private final boolean tibetanOnly;

  TesseractLinesEngine(
      Path tessdata, String model, boolean tibetanOnly, boolean wholeImageIsOneLine) {
    this.tesseract = new TesseractEngine(tessdata, model, LineReader.SINGLE_LINE);
    this.reader = new LineReader(tesseract);
    this.tibetanOnly = tibetanOnly;
    if (tibetanOnly) tesseract.refuse(NOT_TIBETAN);
    this.model = model;
    this.wholeImageIsOneLine = wholeImageIsOneLine;
  }

  @Override
  public String version() {
    return TesseractLinesProvider.version(model);
  }

  /** One line as read, its words already placed on the page. */
  private record ReadLine(PechaLines.Line line, List<PageText.Word> words, float confidence) {}

  @Override
  public PageText recognize(BufferedImage grayPage, int dpi) {
    List<PechaLines.Line> found =
        wholeImageIsOneLine
            ? Stream.ofNullable(PechaLines.whole(grayPage)).toList()
            : PechaLines.find(grayPage);
    List<ReadLine> read = new ArrayList<>();
    for (PechaLines.Line line : found) {
      LineReader.Read text = reader.read(line.image(), dpi);
      List<PageText.Word> words = new ArrayList<>();
      for (PageText.Word word : text.words()) {
        Polygon outline =
            line.onPage(word.box()).clipped(grayPage.getWidth(), grayPage.getHeight());
        words.add(new PageText.Word(word.text(), bounds(outline), word.confidence(), outline));
      }
      words = TibetanWords.joined(words);
      if (!words.isEmpty()) read.add(new ReadLine(line, words, text.confidence()));
    }
    if (tibetanOnly) read = tibetan(read);
    List<PageText.Line> lines = new ArrayList<>();
    for (ReadLine r : read)
      lines.add(
          new PageText.Line(
              String.join(" ", r.words().stream().map(PageText.Word::text).toList()),
              bounds(r.line().outline()),
              r.confidence(),
              null,
              List.copyOf(r.words()),
              r.line().outline()));
    return PageText.oneRegion(grayPage.getWidth(), grayPage.getHeight(), lines);
  }

  /** The lines with tshegs put back and misread syllables corrected. */
  private static List<ReadLine> tibetan(List<ReadLine> read) {
    boolean lostOften =
        Tshegs.lostOften(
            read.stream().flatMap(r -> r.words().stream()).map(PageText.Word::text).toList());
    return read.stream()
        .map(
            r ->
                new ReadLine(
                    r.line(),
                    r.words().stream()
                        .map(
                            w ->
                                new PageText.Word(
                                    TibetanSpelling.corrected(Tshegs.restored(w.text(), lostOften)),
                                    w.box(),
                                    w.confidence(),
                                    w.polygon()))
                        .toList(),
                    r.confidence()))
        .toList();
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
