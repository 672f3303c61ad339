package io.ocrbatch.activities.image;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Decodes page images with the ImageIO plugins registered on the class path (TwelveMonkeys for JPEG
 * incl. CMYK and TIFF incl. Group 4 and LZW; the JDK for PNG) and renders PDF pages with PDFBox at
 * the job's dpi, refusing pages whose pixel count is over a limit before any pixel is decoded
 * (decompression bombs).
 */
public class ImageDecoder {
  public static final long DEFAULT_MAX_PIXELS = 150_000_000L;
  public static final int DEFAULT_DPI = 300;

  static {
    ImageIO.setUseCache(false);
    ImageIO.scanForPlugins();
  }

  private final long maxPixels;

  public ImageDecoder(long maxPixels) {
    this.maxPixels = maxPixels;
  }

  /** Decodes the first image of the file as 8-bit gray, the input the OCR engines take. */
  public BufferedImage decodeGray(Path file) throws BadImageException {
    return decodeGray(file, 0, DEFAULT_DPI);
  }

  public static boolean isPdf(Path file) {
    return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".pdf");
  }

  /** How many images (pages) a file holds: more than one for a multi-page TIFF or PDF. */
  public static int imageCount(Path file) throws IOException {
    if (isPdf(file)) {
      try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
        return Math.max(1, pdf.getNumberOfPages());
      }
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) return 1;
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, false, true);
        return Math.max(1, reader.getNumImages(true));
      } finally {
        reader.dispose();
      }
    }
  }

  /**
   * Decodes image {@code index} (0-based) of the file as 8-bit gray; PDF pages are rendered at
   * {@code dpi}. Messages name the file by its file name.
   */
  public BufferedImage decodeGray(Path file, int index, int dpi) throws BadImageException {
    return decodeGray(file, index, dpi, file.getFileName().toString());
  }

  /**
   * The same, naming the file {@code name} in messages: what the volume calls it (a downloaded or
   * linked file's own name may differ), never the server's path to it.
   */
  public BufferedImage decodeGray(Path file, int index, int dpi, String name)
      throws BadImageException {
    try {
      return decode(file, index, dpi, name);
    } catch (BadImageException e) {
      String message = e.getMessage().replace(file.toAbsolutePath().toString(), name);
      throw message.equals(e.getMessage()) ? e : new BadImageException(message, e.getCause());
    }
  }

  private BufferedImage decode(Path file, int index, int dpi, String name)
      throws BadImageException {
    if (!Files.isRegularFile(file)) throw new ImageUnavailableException(name + ": no such file");
    if (isPdf(file)) return renderPdfPage(file, index, dpi, name);
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new BadImageException(name + ": not a supported image (PNG, JPEG or TIFF expected)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, false, true);
        String where = index > 0 ? name + " (page " + (index + 1) + ")" : name;
        long pixels = (long) reader.getWidth(index) * reader.getHeight(index);
        if (pixels > maxPixels) {
          throw new BadImageException(
              where
                  + ": "
                  + reader.getWidth(index)
                  + "x"
                  + reader.getHeight(index)
                  + " pixels is over the limit of "
                  + maxPixels);
        }
        return toGray(reader.read(index));
      } finally {
        reader.dispose();
      }
    } catch (FileSystemException | FileNotFoundException e) { // the disk, not the image
      throw new ImageUnavailableException(name + ": cannot read image: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new BadImageException(name + ": cannot decode image: " + e.getMessage(), e);
    }
  }

  private BufferedImage renderPdfPage(Path file, int index, int dpi, String name)
      throws BadImageException {
    String where = name + " (page " + (index + 1) + ")";
    try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
      if (index >= pdf.getNumberOfPages()) {
        throw new BadImageException(
            where + ": the PDF has only " + pdf.getNumberOfPages() + " page(s)");
      }
      PDRectangle box = pdf.getPage(index).getCropBox();
      long pixels =
          Math.round(box.getWidth() / 72.0 * dpi) * Math.round(box.getHeight() / 72.0 * dpi);
      if (pixels > maxPixels) {
        throw new BadImageException(
            where + ": " + pixels + " pixels at " + dpi + " dpi is over the limit of " + maxPixels);
      }
      return toGray(new PDFRenderer(pdf).renderImageWithDPI(index, dpi, ImageType.GRAY));
    } catch (IOException | RuntimeException e) {
      throw new BadImageException(where + ": cannot render PDF page: " + e.getMessage(), e);
    }
  }

  /** 8-bit gray in one compact buffer (stride = width, no offset): what Tesseract is handed. */
  static BufferedImage toGray(BufferedImage image) {
    if (isCompactGray(image)) return image;
    BufferedImage gray =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = gray.createGraphics();
    try {
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return gray;
  }

  private static boolean isCompactGray(BufferedImage image) {
    return image.getType() == BufferedImage.TYPE_BYTE_GRAY
        && image.getRaster().getSampleModelTranslateX() == 0
        && image.getRaster().getSampleModelTranslateY() == 0
        && image.getSampleModel() instanceof java.awt.image.ComponentSampleModel model
        && model.getScanlineStride() == image.getWidth()
        && image.getRaster().getDataBuffer().getSize() == image.getWidth() * image.getHeight();
  }
}
