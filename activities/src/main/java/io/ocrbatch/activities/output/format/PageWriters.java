package io.ocrbatch.activities.output.format;

import io.ocrbatch.activities.ocr.FieldRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The formats this build writes, what job types may ask for: page formats, one writer each, and the
 * volume formats ({@code pdf}: one searchable PDF per volume, written when the volume ends).
 */
public final class PageWriters {
  /** One line per format (trailing commas: adding a format adds one line). */
  private static final PageWriter[] WRITERS = {
    new TextWriter(),
    new JsonWriter(),
    new PageXmlWriter(),
    new AltoWriter(),
    new HocrWriter(),
    new MarkdownWriter(),
  };

  /** Formats written once per volume, not per page. */
  public static final String PDF = "pdf";

  private static final List<PageWriter> ALL = List.of(WRITERS);

  private PageWriters() {}

  /** Every format's name: page formats, then volume formats. */
  public static List<String> formats() {
    List<String> names = new ArrayList<>(ALL.stream().map(PageWriter::format).toList());
    names.add(names.size() - 1, PDF); // before md, as the README lists them
    return names;
  }

  /**
   * The content type of a result file, by its name: a page format's (the longest extension that
   * matches: {@code .alto.xml} before {@code .xml}), a volume's PDF, JSON for the volume files;
   * empty for other files.
   */
  public static Optional<String> contentTypeOf(String fileName) {
    if (fileName.endsWith(".pdf")) return Optional.of("application/pdf");
    return ALL.stream()
        .filter(w -> fileName.endsWith("." + w.extension()))
        .max(java.util.Comparator.comparingInt(w -> w.extension().length()))
        .map(PageWriter::contentType);
  }

  /** Whether the format is written once per volume ({@code pdf}). */
  public static boolean volumeFormat(String format) {
    return PDF.equals(format);
  }

  public static Optional<PageWriter> find(String format) {
    return ALL.stream().filter(w -> w.format().equals(format)).findFirst();
  }

  /**
   * The writers a job type's formats ask for, JSON always and last (it holds everything and marks
   * the page's OCR as done).
   */
  public static List<PageWriter> forFormats(List<String> formats) {
    List<PageWriter> writers = new ArrayList<>();
    for (String format : formats) {
      if (!format.equals(JsonWriter.FORMAT) && !volumeFormat(format))
        writers.add(find(format).orElseThrow(() -> unknown(format)));
    }
    writers.add(find(JsonWriter.FORMAT).orElseThrow());
    return writers;
  }

  /** Checks a job type's formats; IllegalArgumentException listing the known ones. */
  public static void validate(List<String> formats) {
    if (formats == null || formats.isEmpty()) {
      throw new IllegalArgumentException(
          "formats must name at least one of " + String.join(", ", formats()));
    }
    for (String format : formats)
      if (find(format).isEmpty() && !volumeFormat(format)) throw unknown(format);
  }

  private static IllegalArgumentException unknown(String format) {
    return new IllegalArgumentException(
        "unknown output format "
            + FieldRules.quote(format)
            + "; known formats: "
            + String.join(", ", formats()));
  }
}
