package io.ocrbatch.activities.ocr.tesseractlines;

import io.ocrbatch.activities.ocr.Box;
import io.ocrbatch.activities.ocr.Polygon;
import io.ocrbatch.activities.ocr.neural.OpenCv;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgproc.Imgproc;

/**
 * The text lines of a pecha page, top to bottom, found without a model: the page binarized and
 * levelled ({@link InkPage}), its frame rules and margins left out ({@link TextBlock}), its block
 * split at the emptiest rows between head lines ({@link LineSplitter}). Each line comes as an image
 * of its own strokes only (black on white), with what it takes to place boxes found in it on the
 * page.
 */
public final class PechaLines {
  private PechaLines() {}

  /** One line: its strokes, and where they lie on the page. */
  public record Line(BufferedImage image, Polygon outline, Placement placement) {
    /** A box in the line's image as an outline on the page. */
    public Polygon onPage(Box inLine) {
      return placement.onPage(inLine);
    }
  }

  /** Maps the line image's pixels to the page: a shift into the levelled page, then its turn. */
  public record Placement(int x, int y, double[] levelledToPage) {
    Polygon onPage(Box box) {
      return new Polygon(
          List.of(
              point(box.x1(), box.y1()),
              point(box.x2(), box.y1()),
              point(box.x2(), box.y2()),
              point(box.x1(), box.y2())));
    }

    private Polygon.Point point(double lineX, double lineY) {
      double px = lineX + x, py = lineY + y;
      double[] m = levelledToPage;
      return new Polygon.Point(
          (int) Math.round(m[0] * px + m[1] * py + m[2]),
          (int) Math.round(m[3] * px + m[4] * py + m[5]));
    }
  }

  /** The lines of an 8-bit gray page, top to bottom; none for a page without text. */
  public static List<Line> find(BufferedImage grayPage) {
    Mat gray = OpenCv.gray(grayPage);
    try (InkPage page = InkPage.of(gray)) {
      gray.release();
      int pitch = Profiles.pitch(Profiles.rowSums(page.ink));
      TextBlock block = TextBlock.find(page.ink, pitch);
      try {
        Mat area = block.area();
        List<LineSplitter.Band> bands = LineSplitter.split(area, pitch);
        area.release();
        return bands.stream()
            .map(
                b -> {
                  Placement placement =
                      new Placement(block.left + b.x(), b.y(), page.levelledToPage());
                  return new Line(
                      image(b),
                      placement
                          .onPage(new Box(0, 0, b.width(), b.height()))
                          .clipped(grayPage.getWidth(), grayPage.getHeight()),
                      placement);
                })
            .toList();
      } finally {
        block.release();
      }
    }
  }

  /**
   * The whole image as one line (line mode {@code line}: each image is a line already), cut to its
   * ink so that its margins do not shrink the letters; null for an image without ink.
   */
  public static Line whole(BufferedImage grayLine) {
    Mat gray = OpenCv.gray(grayLine);
    Mat ink = InkPage.binarize(gray);
    Mat points = new Mat();
    Core.findNonZero(ink, points);
    gray.release();
    ink.release();
    if (points.empty()) return null;
    Rect bounds = Imgproc.boundingRect(points);
    points.release();
    BufferedImage cut =
        new BufferedImage(bounds.width, bounds.height, BufferedImage.TYPE_BYTE_GRAY);
    cut.getGraphics().drawImage(grayLine, -bounds.x, -bounds.y, null);
    Placement placement = new Placement(bounds.x, bounds.y, new double[] {1, 0, 0, 0, 1, 0});
    return new Line(cut, placement.onPage(new Box(0, 0, bounds.width, bounds.height)), placement);
  }

  private static BufferedImage image(LineSplitter.Band band) {
    BufferedImage image =
        new BufferedImage(band.width(), band.height(), BufferedImage.TYPE_BYTE_GRAY);
    byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < pixels.length; i++) pixels[i] = (byte) (band.pixels()[i] == 0 ? 255 : 0);
    return image;
  }
}
