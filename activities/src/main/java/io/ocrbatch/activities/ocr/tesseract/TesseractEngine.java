package io.ocrbatch.activities.ocr.tesseract;

import static org.bytedeco.tesseract.global.tesseract.OEM_LSTM_ONLY;
import static org.bytedeco.tesseract.global.tesseract.RIL_BLOCK;
import static org.bytedeco.tesseract.global.tesseract.RIL_TEXTLINE;
import static org.bytedeco.tesseract.global.tesseract.RIL_WORD;

import io.ocrbatch.activities.ocr.Box;
import io.ocrbatch.activities.ocr.EngineUnavailableException;
import io.ocrbatch.activities.ocr.OcrEngine;
import io.ocrbatch.activities.ocr.PageText;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.tesseract.ResultIterator;
import org.bytedeco.tesseract.TessBaseAPI;

/** One Tesseract 5 handle (not thread-safe: one per worker thread, see OcrEngines). */
public final class TesseractEngine implements OcrEngine {
  private final TessBaseAPI api = new TessBaseAPI();
  private final String language;
  private final int pageSegMode;

  /**
   * A handle on {@code language.traineddata} in {@code tessdata} reading pages with {@code
   * pageSegMode} (Tesseract's PSM); EngineUnavailableException saying what to install when missing.
   */
  public TesseractEngine(Path tessdata, String language, int pageSegMode) {
    this.pageSegMode = pageSegMode;
    this.language = language;
    Path model = tessdata.resolve(language + ".traineddata");
    if (!Files.isRegularFile(model)) {
      api.close();
      throw new EngineUnavailableException(
          "Tesseract model "
              + model
              + " is missing: install it with"
              + " `apt-get install -y tesseract-ocr-"
              + language
              + "`, or set TESSDATA_PREFIX to a folder holding "
              + language
              + ".traineddata");
    }
    if (api.Init(tessdata.toString(), language, OEM_LSTM_ONLY) != 0) {
      api.close();
      throw new EngineUnavailableException("Tesseract could not load " + model);
    }
    api.SetPageSegMode(pageSegMode);
  }

  /** Characters Tesseract shall never read (its {@code tessedit_char_blacklist}). */
  public void refuse(String characters) {
    if (!api.SetVariable("tessedit_char_blacklist", characters))
      throw new IllegalStateException("Tesseract refused tessedit_char_blacklist");
  }

  public static String libraryVersion() {
    try (BytePointer v = TessBaseAPI.Version()) {
      return v.getString();
    }
  }

  @Override
  public String version() {
    return TesseractProvider.version(language);
  }

  @Override
  public PageText recognize(BufferedImage gray, int dpi) {
    return recognize(gray, dpi, pageSegMode);
  }

  /** Reads the image with another page segmentation mode than the handle's (e.g. 13, raw line). */
  public PageText recognize(BufferedImage gray, int dpi, int pageSegMode) {
    api.SetPageSegMode(pageSegMode);
    byte[] pixels =
        ((DataBufferByte) gray.getRaster().getDataBuffer()).getData(); // compact: see ImageDecoder
    api.SetImage(pixels, gray.getWidth(), gray.getHeight(), 1, gray.getWidth());
    api.SetSourceResolution(dpi);
    try {
      if (api.Recognize(null) != 0) {
        throw new IllegalStateException("Tesseract failed to recognise the page");
      }
      return new PageText(gray.getWidth(), gray.getHeight(), readRegions());
    } finally {
      api.Clear();
    }
  }

  /**
   * Tesseract's own blocks as regions (its reading order), each with its lines, words and
   * baselines.
   */
  private List<PageText.Region> readRegions() {
    List<PageText.Region> regions = new ArrayList<>();
    try (ResultIterator it = api.GetIterator()) {
      if (it == null || it.isNull()) return regions;
      Box blockBox = null;
      List<PageText.Line> lines = new ArrayList<>();
      List<PageText.Word> words = new ArrayList<>();
      String lineText = null;
      Box lineBox = null;
      Box baseline = null;
      float lineConfidence = 0;
      do {
        if (it.IsAtBeginningOf(RIL_BLOCK)) {
          blockBox = box(it, RIL_BLOCK);
          lines = new ArrayList<>();
        }
        if (it.IsAtBeginningOf(RIL_TEXTLINE)) {
          lineText = text(it, RIL_TEXTLINE);
          lineBox = box(it, RIL_TEXTLINE);
          baseline = baseline(it);
          lineConfidence = it.Confidence(RIL_TEXTLINE);
          words = new ArrayList<>();
        }
        String word = text(it, RIL_WORD);
        if (!word.isBlank())
          words.add(new PageText.Word(word, box(it, RIL_WORD), it.Confidence(RIL_WORD)));
        if (it.IsAtFinalElement(RIL_TEXTLINE, RIL_WORD)
            && lineText != null
            && !lineText.isBlank()) {
          lines.add(
              new PageText.Line(lineText, lineBox, lineConfidence, baseline, List.copyOf(words)));
          lineText = null;
        }
        if (it.IsAtFinalElement(RIL_BLOCK, RIL_WORD) && !lines.isEmpty()) {
          regions.add(new PageText.Region(blockBox, List.copyOf(lines)));
          lines = new ArrayList<>();
        }
      } while (it.Next(RIL_WORD));
    }
    return regions;
  }

  private static Box baseline(ResultIterator it) {
    try (IntPointer x1 = new IntPointer(1);
        IntPointer y1 = new IntPointer(1);
        IntPointer x2 = new IntPointer(1);
        IntPointer y2 = new IntPointer(1)) {
      return it.Baseline(RIL_TEXTLINE, x1, y1, x2, y2)
          ? new Box(x1.get(), y1.get(), x2.get(), y2.get())
          : null;
    }
  }

  private static String text(ResultIterator it, int level) {
    BytePointer p = it.GetUTF8Text(level);
    if (p == null || p.isNull()) return "";
    try {
      return p.getString(java.nio.charset.StandardCharsets.UTF_8).strip();
    } finally {
      p.deallocate();
    }
  }

  private static Box box(ResultIterator it, int level) {
    try (IntPointer l = new IntPointer(1);
        IntPointer t = new IntPointer(1);
        IntPointer r = new IntPointer(1);
        IntPointer b = new IntPointer(1)) {
      it.BoundingBox(level, l, t, r, b);
      return new Box(l.get(), t.get(), r.get(), b.get());
    }
  }

  @Override
  public void close() {
    api.End();
    api.close();
  }
}
