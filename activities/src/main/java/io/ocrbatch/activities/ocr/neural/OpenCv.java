package io.ocrbatch.activities.ocr.neural;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/** OpenCV (org.openpnp's build, natives inside the jar) for contours, rotated boxes and warps. */
public final class OpenCv {
  private static volatile boolean loaded;

  private OpenCv() {}

  public static synchronized void load() {
    if (!loaded) {
      nu.pattern.OpenCV.loadLocally();
      loaded = true;
    }
  }

  /** An 8-bit gray page (as {@code ImageDecoder} makes them) as a Mat sharing nothing with it. */
  public static Mat gray(BufferedImage image) {
    load();
    BufferedImage gray = image;
    if (image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
      gray = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
      gray.getGraphics().drawImage(image, 0, 0, null);
    }
    byte[] pixels = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
    Mat mat = new Mat(gray.getHeight(), gray.getWidth(), CvType.CV_8UC1);
    if (pixels.length == gray.getWidth() * gray.getHeight()) {
      mat.put(0, 0, pixels);
    } else { // a sub-image or padded raster: copy row by row
      byte[] row = new byte[gray.getWidth()];
      for (int y = 0; y < gray.getHeight(); y++) {
        gray.getRaster().getDataElements(0, y, gray.getWidth(), 1, row);
        mat.put(y, 0, row);
      }
    }
    return mat;
  }

  /** A gray Mat's pixels, row-major. */
  public static byte[] bytes(Mat gray) {
    byte[] pixels = new byte[(int) gray.total()];
    Mat continuous = gray.isContinuous() ? gray : gray.clone();
    continuous.get(0, 0, pixels);
    return pixels;
  }
}
