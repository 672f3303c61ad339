package io.ocrbatch.api.web;

import io.ocrbatch.activities.samples.SamplePdf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * A PDF whose last page fails in the worker: 200 × 200 inches, 1.6 billion pixels at 200 dpi, over
 * the decoder's pixel limit (the page fails, its job goes on). Pages of English text come first.
 */
final class OversizedPagePdf {
  private OversizedPagePdf() {}

  static byte[] write(Path file, int textPages) throws IOException {
    Path text = file.resolveSibling(file.getFileName() + ".text.pdf");
    if (textPages > 0) SamplePdf.writeEnglish(text, textPages);
    try (PDDocument pdf = textPages > 0 ? Loader.loadPDF(text.toFile()) : new PDDocument()) {
      pdf.addPage(new PDPage(new PDRectangle(200 * 72, 200 * 72)));
      pdf.save(file.toFile()); // not over the file it reads: its fonts are read as it saves
    }
    Files.deleteIfExists(text);
    return Files.readAllBytes(file);
  }
}
