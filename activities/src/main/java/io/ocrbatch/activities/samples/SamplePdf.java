package io.ocrbatch.activities.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Writes a PDF of known English text (vector text in DejaVu Serif, A5 pages) and returns each
 * page's lines: the input for upload tests, the web page test and the submit benchmark.
 */
public final class SamplePdf {
  private static final float FONT_SIZE = 13f;
  private static final float MARGIN = 40f;
  private static final float LEADING = 1.5f * FONT_SIZE;

  private SamplePdf() {}

  public static List<List<String>> writeEnglish(Path file, int pages) throws IOException {
    if (!Files.isRegularFile(PageRenderer.DEJAVU_SERIF)) {
      throw new IllegalStateException(
          "font "
              + PageRenderer.DEJAVU_SERIF
              + " is missing: apt-get install -y fonts-dejavu-core");
    }
    List<String> words = new ArrayList<>(SampleTexts.englishWords(pages * 200));
    List<List<String>> truth = new ArrayList<>();
    try (PDDocument pdf = new PDDocument()) {
      PDType0Font font = PDType0Font.load(pdf, PageRenderer.DEJAVU_SERIF.toFile());
      for (int p = 0; p < pages; p++) {
        PDPage page = new PDPage(PDRectangle.A5);
        pdf.addPage(page);
        truth.add(writePage(pdf, page, font, words));
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      pdf.save(file.toFile());
    }
    return truth;
  }

  private static List<String> writePage(
      PDDocument pdf, PDPage page, PDType0Font font, List<String> words) throws IOException {
    float width = page.getMediaBox().getWidth() - 2 * MARGIN;
    int maxLines = (int) ((page.getMediaBox().getHeight() - 2 * MARGIN) / LEADING);
    List<String> lines = new ArrayList<>();
    while (lines.size() < maxLines && !words.isEmpty()) {
      StringBuilder line = new StringBuilder(words.remove(0));
      while (!words.isEmpty()
          && font.getStringWidth(line + " " + words.get(0)) / 1000 * FONT_SIZE <= width) {
        line.append(' ').append(words.remove(0));
      }
      lines.add(line.toString());
    }
    try (PDPageContentStream text = new PDPageContentStream(pdf, page)) {
      text.beginText();
      text.setFont(font, FONT_SIZE);
      text.setLeading(LEADING);
      text.newLineAtOffset(MARGIN, page.getMediaBox().getHeight() - MARGIN - FONT_SIZE);
      for (String line : lines) {
        text.showText(line);
        text.newLine();
      }
      text.endText();
    }
    return lines;
  }
}
