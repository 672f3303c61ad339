package io.ocrbatch.activities.output.pdf;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.CCITTFactory;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * A page image as a PDF image, kept at its resolution and, where PDF can hold it as is, its
 * compression: a JPEG's bytes unchanged (DCT), a bilevel TIFF's CCITT Group 3/4 data unchanged; PNG
 * and other TIFFs losslessly (Flate); a PDF page rendered at the job's dpi.
 */
final class PdfPageImages {
  private PdfPageImages() {}

  static PDImageXObject load(PDDocument document, Path file, int index, int dpi)
      throws IOException {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (name.endsWith(".pdf"))
      return LosslessFactory.createFromImage(document, render(file, index, dpi));
    byte[] head = new byte[4];
    try (InputStream in = Files.newInputStream(file)) {
      in.readNBytes(head, 0, 4);
    }
    if ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8) {
      try {
        return JPEGFactory.createFromByteArray(document, Files.readAllBytes(file));
      } catch (IOException | RuntimeException e) {
        // a JPEG PDF readers cannot take as is (e.g. a CMYK variant): decoded below
      }
    }
    if ((head[0] == 'I' && head[1] == 'I') || (head[0] == 'M' && head[1] == 'M')) {
      try {
        return CCITTFactory.createFromFile(document, file.toFile(), index);
      } catch (IOException | RuntimeException e) {
        // not CCITT-compressed: decoded below
      }
    }
    return LosslessFactory.createFromImage(document, decode(file, index));
  }

  private static BufferedImage decode(Path file, int index) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) throw new IOException(file + ": not an image");
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, false, true);
        return reader.read(index);
      } finally {
        reader.dispose();
      }
    }
  }

  private static BufferedImage render(Path file, int index, int dpi) throws IOException {
    try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
      return new PDFRenderer(pdf).renderImageWithDPI(index, dpi, ImageType.RGB);
    }
  }
}
