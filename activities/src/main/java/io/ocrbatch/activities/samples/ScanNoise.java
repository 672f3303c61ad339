package io.ocrbatch.activities.samples;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.util.Random;

/** What scanning does to a clean page, for benchmarks: skew, blur and speckle. */
public final class ScanNoise {
  private ScanNoise() {}

  /** The page turned by {@code degrees} about its centre, on white paper. */
  public static BufferedImage skew(BufferedImage page, double degrees) {
    BufferedImage out = blankLike(page);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.rotate(Math.toRadians(degrees), page.getWidth() / 2.0, page.getHeight() / 2.0);
    g.drawImage(page, 0, 0, null);
    g.dispose();
    return out;
  }

  /** A 5×5 Gaussian blur of the given sigma (in pixels), as from a slightly defocused camera. */
  public static BufferedImage blur(BufferedImage page, double sigma) {
    float[] kernel = new float[25];
    float sum = 0;
    for (int y = -2; y <= 2; y++) {
      for (int x = -2; x <= 2; x++) {
        float v = (float) Math.exp(-(x * x + y * y) / (2 * sigma * sigma));
        kernel[(y + 2) * 5 + x + 2] = v;
        sum += v;
      }
    }
    for (int i = 0; i < kernel.length; i++) kernel[i] /= sum;
    BufferedImage out = blankLike(page);
    new ConvolveOp(new Kernel(5, 5, kernel), ConvolveOp.EDGE_NO_OP, null).filter(page, out);
    return out;
  }

  /**
   * Salt-and-pepper dust: {@code fraction} of the pixels (e.g. 0.005) set black or white,
   * repeatably.
   */
  public static BufferedImage speckle(BufferedImage page, double fraction, long seed) {
    BufferedImage out = copy(page);
    Random random = new Random(seed);
    long count = Math.round(page.getWidth() * (long) page.getHeight() * fraction);
    for (long i = 0; i < count; i++) {
      int x = random.nextInt(page.getWidth()), y = random.nextInt(page.getHeight());
      int v = random.nextBoolean() ? 0 : 255;
      out.getRaster().setSample(x, y, 0, v);
    }
    return out;
  }

  /** The noisy variant the benchmarks use: skewed 1°, blurred (σ 1 px), 0.5% speckle. */
  public static BufferedImage scanned(BufferedImage page, long seed) {
    return speckle(blur(skew(page, 1), 1.0), 0.005, seed);
  }

  private static BufferedImage blankLike(BufferedImage page) {
    BufferedImage out =
        new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, page.getWidth(), page.getHeight());
    g.dispose();
    return out;
  }

  private static BufferedImage copy(BufferedImage page) {
    BufferedImage out =
        new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    out.getRaster().setRect(page.getRaster());
    return out;
  }
}
