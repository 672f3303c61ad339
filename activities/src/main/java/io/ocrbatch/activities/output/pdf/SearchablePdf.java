package io.ocrbatch.activities.output.pdf;

import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.ocr.Polygon;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Calendar;
import java.util.List;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.util.Matrix;

/**
 * A searchable PDF built page by page: each page is its scan, at the scan's size (pixels × 72 /
 * dpi), under an invisible text layer (rendering mode NEITHER) with every word placed and stretched
 * over its outline, rotated with it. Images and page streams go to a temporary file as they are
 * added (PDFBox's temp-file stream cache), so a volume of any length needs little memory.
 */
public final class SearchablePdf implements Closeable {
  private final PDDocument document;
  private final PdfFonts fonts;

  public SearchablePdf(String title, String producer, String creator) throws IOException {
    this.document = new PDDocument(IOUtils.createTempFileOnlyStreamCache());
    this.fonts = new PdfFonts(document);
    PDDocumentInformation info = document.getDocumentInformation();
    info.setTitle(title);
    info.setProducer(producer);
    info.setCreator(creator);
    info.setCreationDate(Calendar.getInstance());
  }

  public int pages() {
    return document.getNumberOfPages();
  }

  /**
   * Adds image {@code index} of {@code imageFile} with the page's text over it; {@code dpi} is the
   * scan's resolution (the page's size in inches is its pixels / dpi).
   */
  public void addPage(Path imageFile, int index, int dpi, PageText text) throws IOException {
    PDImageXObject image = PdfPageImages.load(document, imageFile, index, dpi);
    float width = image.getWidth() * 72f / dpi;
    float height = image.getHeight() * 72f / dpi;
    PDPage page = new PDPage(new PDRectangle(width, height));
    document.addPage(page);
    // The text's pixels are the decoded page's (the same size as the image, or a PDF page rendered
    // at the same dpi); scale them to the page in case they differ.
    float sx = width / Math.max(1, text.width() > 0 ? text.width() : image.getWidth());
    float sy = height / Math.max(1, text.height() > 0 ? text.height() : image.getHeight());
    try (PDPageContentStream content = new PDPageContentStream(document, page)) {
      content.drawImage(image, 0, 0, width, height);
      // One text object for the page, the font set only when it changes: a page of 400 words is
      // a few operators per word.
      content.beginText();
      content.setRenderingMode(RenderingMode.NEITHER);
      TextState state = new TextState();
      for (PageText.Line line : text.lines()) {
        List<PageText.Word> words =
            line.words().isEmpty()
                ? List.of(
                    new PageText.Word(line.text(), line.box(), line.confidence(), line.polygon()))
                : line.words();
        for (PageText.Word word : words) placeWord(content, state, word, sx, sy, height);
      }
      content.endText();
    }
  }

  /** The font and size last set in the page's text object. */
  private static final class TextState {
    PDFont font;
    float size = -1;
  }

  /** The word's text, invisible, from its outline's bottom-left corner along its top edge. */
  private void placeWord(
      PDPageContentStream content,
      TextState state,
      PageText.Word word,
      float sx,
      float sy,
      float pageHeight)
      throws IOException {
    if (word.text() == null || word.text().isBlank()) return;
    PDFont font = fonts.forText(word.text());
    String text = PdfFonts.showable(font, word.text());
    if (text.isBlank()) return;
    List<Polygon.Point> p = word.outline().points();
    if (p.size() != 4) p = Polygon.of(word.box()).points();
    // PDF coordinates: x right, y up from the page's bottom.
    double tlx = p.get(0).x() * sx, tly = pageHeight - p.get(0).y() * sy;
    double trx = p.get(1).x() * sx, try_ = pageHeight - p.get(1).y() * sy;
    double blx = p.get(3).x() * sx, bly = pageHeight - p.get(3).y() * sy;
    double boxWidth = Math.hypot(trx - tlx, try_ - tly);
    double boxHeight = Math.hypot(tlx - blx, tly - bly);
    if (boxWidth < 0.5 || boxHeight < 0.5) return;
    double angle = Math.atan2(try_ - tly, trx - tlx);
    if (Math.abs(angle) < Math.toRadians(1)) angle = 0; // level enough: keep lines easy to extract
    float size = (float) boxHeight;
    float descent =
        Math.abs(font.getFontDescriptor() == null ? 200 : font.getFontDescriptor().getDescent());
    double lift = Math.min(0.3, descent / 1000) * size;
    float textWidth = font.getStringWidth(text) / 1000f * size;
    double cos = Math.cos(angle), sin = Math.sin(angle);
    float x = (float) (blx - sin * lift);
    float y = (float) (bly + cos * lift);
    if (font != state.font || size != state.size) {
      content.setFont(font, size);
      state.font = font;
      state.size = size;
    }
    if (textWidth > 0) content.setHorizontalScaling((float) (100 * boxWidth / textWidth));
    content.setTextMatrix(new Matrix((float) cos, (float) sin, (float) -sin, (float) cos, x, y));
    content.showText(text);
  }

  /** Writes the document (fonts subset now) to {@code file}. */
  public void save(Path file) throws IOException {
    document.save(file.toFile());
  }

  @Override
  public void close() throws IOException {
    document.close();
  }
}
