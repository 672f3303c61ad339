package io.ocrbatch.activities.output.format;

import io.ocrbatch.activities.ocr.Box;
import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.page.Provenance;
import java.util.ArrayList;
import java.util.List;

/** What the XML formats say alike about who made a page's text. */
final class Formats {
  private Formats() {}

  /** "ocrbatch 1.2.3; tesseract 5.5.2 (eng); model eng". */
  static String creator(Provenance p) {
    List<String> parts = new ArrayList<>();
    parts.add("ocrbatch" + (p.ocrbatchVersion() == null ? "" : " " + p.ocrbatchVersion()));
    parts.add(p.engineVersion() != null ? p.engineVersion() : String.valueOf(p.engine()));
    if (p.model() != null) parts.add("model " + p.model());
    if (p.modelDigest() != null) parts.add(p.modelDigest());
    return String.join("; ", parts);
  }

  /** "job type tesseract-eng, language eng, encoding unicode, dpi 300". */
  static String settings(Provenance p) {
    List<String> parts = new ArrayList<>();
    if (p.jobType() != null) parts.add("job type " + p.jobType());
    if (p.language() != null) parts.add("language " + p.language());
    if (p.encoding() != null) parts.add("encoding " + p.encoding());
    if (p.dpi() != null) parts.add("dpi " + p.dpi());
    return String.join(", ", parts);
  }

  /**
   * A line's box grown to hold its words' boxes (Tesseract's word boxes can reach past its line's
   * by a few pixels; hOCR and ALTO readers expect a word inside its line).
   */
  static Box lineBox(PageText.Line line) {
    Box box = line.box();
    for (PageText.Word w : line.words()) box = box.union(w.box());
    return box;
  }

  /** A region's box grown to hold its lines' (as {@link #lineBox}). */
  static Box regionBox(PageText.Region region) {
    Box box = region.box();
    for (PageText.Line line : region.lines()) box = box.union(lineBox(line));
    return box;
  }

  /** A 0–100 confidence as 0–1. */
  static double unit(float confidence) {
    return Math.max(0, Math.min(1, confidence / 100.0));
  }
}
