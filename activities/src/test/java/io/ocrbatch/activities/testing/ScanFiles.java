package io.ocrbatch.activities.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Scan files as scanners write them: with their resolution recorded (PNG pHYs, JPEG JFIF, TIFF
 * XResolution).
 */
public final class ScanFiles {
  private ScanFiles() {}

  private static final String TIFF_FORMAT = "com_sun_media_imageio_plugins_tiff_image_1.0";

  private static IIOMetadataNode rational(int number, String name, int value) {
    IIOMetadataNode field = new IIOMetadataNode("TIFFField");
    field.setAttribute("number", String.valueOf(number));
    field.setAttribute("name", name);
    IIOMetadataNode rationals = new IIOMetadataNode("TIFFRationals");
    IIOMetadataNode rational = new IIOMetadataNode("TIFFRational");
    rational.setAttribute("value", value + "/1");
    rationals.appendChild(rational);
    field.appendChild(rationals);
    return field;
  }

  /** Writes {@code image} as {@code format} (png, jpeg or tiff) recording {@code dpi}. */
  public static void write(BufferedImage image, String format, int dpi, Path file)
      throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      IIOMetadata metadata =
          writer.getDefaultImageMetadata(
              ImageTypeSpecifier.createFromRenderedImage(image), writer.getDefaultWriteParam());
      if (format.equals("png")) {
        // the JDK's PNG writer turns the standard tree's pixel size into a wrong pHYs: set pHYs
        IIOMetadataNode phys = new IIOMetadataNode("pHYs");
        String perMetre = String.valueOf(Math.round(dpi / 0.0254));
        phys.setAttribute("pixelsPerUnitXAxis", perMetre);
        phys.setAttribute("pixelsPerUnitYAxis", perMetre);
        phys.setAttribute("unitSpecifier", "meter");
        IIOMetadataNode png = new IIOMetadataNode("javax_imageio_png_1.0");
        png.appendChild(phys);
        metadata.mergeTree("javax_imageio_png_1.0", png);
        writer.write(null, new IIOImage(image, null, metadata), writer.getDefaultWriteParam());
        return;
      }
      if (format.equals("jpeg")) {
        // likewise for JFIF: set its density in dots per inch
        IIOMetadataNode tree = (IIOMetadataNode) metadata.getAsTree("javax_imageio_jpeg_image_1.0");
        IIOMetadataNode jfif = (IIOMetadataNode) tree.getElementsByTagName("app0JFIF").item(0);
        jfif.setAttribute("resUnits", "1");
        jfif.setAttribute("Xdensity", String.valueOf(dpi));
        jfif.setAttribute("Ydensity", String.valueOf(dpi));
        metadata.setFromTree("javax_imageio_jpeg_image_1.0", tree);
        writer.write(null, new IIOImage(image, null, metadata), writer.getDefaultWriteParam());
        return;
      }
      if (format.equals("tiff")) {
        // XResolution/YResolution in dots per inch (ResolutionUnit 2), as TIFF fields
        IIOMetadataNode ifd = new IIOMetadataNode("TIFFIFD");
        ifd.appendChild(rational(282, "XResolution", dpi));
        ifd.appendChild(rational(283, "YResolution", dpi));
        IIOMetadataNode unit = new IIOMetadataNode("TIFFField");
        unit.setAttribute("number", "296");
        unit.setAttribute("name", "ResolutionUnit");
        IIOMetadataNode shorts = new IIOMetadataNode("TIFFShorts");
        IIOMetadataNode inch = new IIOMetadataNode("TIFFShort");
        inch.setAttribute("value", "2");
        shorts.appendChild(inch);
        unit.appendChild(shorts);
        ifd.appendChild(unit);
        IIOMetadataNode tiff = new IIOMetadataNode(TIFF_FORMAT);
        tiff.appendChild(ifd);
        metadata.mergeTree(TIFF_FORMAT, tiff);
        writer.write(null, new IIOImage(image, null, metadata), writer.getDefaultWriteParam());
        return;
      }
      throw new IllegalArgumentException("png, jpeg or tiff, not " + format);
    } finally {
      writer.dispose();
    }
  }
}
