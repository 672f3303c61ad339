package io.ocrbatch.activities.output.pdf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fonts of a PDF's invisible text layer, embedded as subsets so that copying gives the right
 * Unicode: Tibetan Machine Uni (Debian's fonts-tibetan-machine) for words with Tibetan letters,
 * DejaVu Sans (fonts-dejavu-core) for the rest; Helvetica (Latin-1 only) where neither is
 * installed. {@code OCRBATCH_PDF_FONT_DIRS} adds folders to search first.
 */
final class PdfFonts {
  private static final Logger log = LoggerFactory.getLogger(PdfFonts.class);
  private static final List<String> TIBETAN =
      List.of(
          "tibetan-machine/TibetanMachineUni.ttf",
          "tibetan-machine/TibMachUni-1.901b.ttf",
          "TibetanMachineUni.ttf");
  private static final List<String> LATIN = List.of("dejavu/DejaVuSans.ttf", "DejaVuSans.ttf");

  private final PDFont tibetan;
  private final PDFont latin;

  PdfFonts(PDDocument document) throws IOException {
    PDFont fallback = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    this.latin = load(document, LATIN).orElse(fallback);
    this.tibetan = load(document, TIBETAN).orElse(latin);
  }

  /** The font for a word: the Tibetan one when it holds a Tibetan letter. */
  PDFont forText(String text) {
    return text.codePoints().anyMatch(c -> c >= 0x0F00 && c <= 0x0FFF) ? tibetan : latin;
  }

  /** The text without characters the font has no glyph for (they cannot be shown). */
  static String showable(PDFont font, String text) {
    try {
      font.encode(text);
      return text;
    } catch (IOException | IllegalArgumentException e) {
      StringBuilder kept = new StringBuilder();
      text.codePoints()
          .forEach(
              c -> {
                String one = new String(Character.toChars(c));
                try {
                  font.encode(one);
                  kept.append(one);
                } catch (IOException | IllegalArgumentException ignored) {
                  // no glyph: left out of the text layer
                }
              });
      return kept.toString();
    }
  }

  private static Optional<PDFont> load(PDDocument document, List<String> names) throws IOException {
    for (Path dir : folders()) {
      for (String name : names) {
        Path file = dir.resolve(name);
        if (Files.isRegularFile(file))
          return Optional.of(PDType0Font.load(document, file.toFile()));
      }
    }
    log.warn("No font {} found for PDF text layers; using a fallback", names.get(0));
    return Optional.empty();
  }

  private static List<Path> folders() {
    String extra = System.getenv("OCRBATCH_PDF_FONT_DIRS");
    java.util.ArrayList<Path> dirs = new java.util.ArrayList<>();
    if (extra != null && !extra.isBlank())
      for (String d : extra.split(",")) dirs.add(Path.of(d.trim()));
    dirs.add(Path.of("/usr/share/fonts/truetype"));
    dirs.add(Path.of("/usr/share/fonts"));
    dirs.add(Path.of("/usr/local/share/fonts"));
    return dirs;
  }
}
