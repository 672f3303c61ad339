package io.ocrbatch.activities.ocr.neural;

/** Writes gray pixels into a model's channel-first float input, normalised per channel. */
public final class Planes {
  private Planes() {}

  /**
   * Copies a {@code width}×{@code height} gray image into {@code dst} at {@code offset} as {@code
   * channels} planes of {@code height}×{@code paddedWidth} values, each pixel as (p/255 −
   * mean)/std; columns past {@code width} stay as they are (0 = PaddleOCR's padding).
   */
  public static void write(
      byte[] gray,
      int width,
      int height,
      int channels,
      float[] mean,
      float[] std,
      float[] dst,
      int offset,
      int paddedWidth) {
    for (int c = 0; c < channels; c++) {
      int plane = offset + c * height * paddedWidth;
      float m = mean[c % mean.length], s = std[c % std.length];
      for (int y = 0; y < height; y++) {
        int row = plane + y * paddedWidth;
        for (int x = 0; x < width; x++) {
          dst[row + x] = ((gray[y * width + x] & 0xff) / 255f - m) / s;
        }
      }
    }
  }
}
