package io.ocrbatch.activities.image;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.OptionalInt;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.NodeList;

/**
 * The resolution a scan records about itself (TIFF XResolution, PNG pHYs, JPEG JFIF density), read
 * from the image's metadata without decoding pixels, and the dpi a page is read at: the job's when
 * it gives one ({@code --dpi}), else the image's own, else {@value ImageDecoder#DEFAULT_DPI}.
 */
public final class ImageResolution {
  /** A job's dpi that means "the image's own". */
  public static final int FROM_IMAGE = 0;

  private static final int MIN = 50;
  private static final int MAX = 2400;

  private ImageResolution() {}

  /** The dpi to read image {@code index} of {@code file} at, given the job's dpi. */
  public static int resolve(int jobDpi, Path file, int index) {
    if (jobDpi != FROM_IMAGE) return jobDpi;
    if (ImageDecoder.isPdf(file)) return ImageDecoder.DEFAULT_DPI; // rendered: no own resolution
    return recorded(file, index).orElse(ImageDecoder.DEFAULT_DPI);
  }

  /** The dpi the image records, when it records a plausible one (50–2400). */
  public static OptionalInt recorded(Path file, int index) {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) return OptionalInt.empty();
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, false, false);
        IIOMetadata metadata = reader.getImageMetadata(index);
        if (metadata == null || !metadata.isStandardMetadataFormatSupported())
          return OptionalInt.empty();
        IIOMetadataNode root =
            (IIOMetadataNode) metadata.getAsTree(IIOMetadataFormatImpl.standardMetadataFormatName);
        NodeList sizes = root.getElementsByTagName("HorizontalPixelSize");
        if (sizes.getLength() == 0) return OptionalInt.empty();
        float millimetresPerPixel =
            Float.parseFloat(((IIOMetadataNode) sizes.item(0)).getAttribute("value"));
        if (!(millimetresPerPixel > 0)) return OptionalInt.empty();
        int dpi = Math.round(25.4f / millimetresPerPixel);
        return dpi >= MIN && dpi <= MAX ? OptionalInt.of(dpi) : OptionalInt.empty();
      } finally {
        reader.dispose();
      }
    } catch (Exception e) {
      return OptionalInt.empty(); // unreadable metadata: the page's decoding reports real problems
    }
  }
}
