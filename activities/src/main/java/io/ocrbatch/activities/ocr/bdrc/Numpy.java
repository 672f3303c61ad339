package io.ocrbatch.activities.ocr.bdrc;

/**
 * numpy's sums (pairwise: eight partial sums over blocks of up to 128 values), so that sums and
 * means of many values round as in BDRC's code, in float64 or in float32.
 */
final class Numpy {
  private Numpy() {}

  static double mean(double[] values) {
    return sum(values, 0, values.length, false) / values.length;
  }

  /**
   * The sum of {@code n} values from {@code from}; {@code float32}: each addition rounded to a
   * float, which is float32 arithmetic exactly (a double holds a float sum before its rounding).
   */
  static double sum(double[] a, int from, int n, boolean float32) {
    if (n < 8) {
      double sum = 0;
      for (int i = 0; i < n; i++) sum = round(sum + a[from + i], float32);
      return sum;
    }
    if (n <= 128) {
      double[] r = new double[8];
      System.arraycopy(a, from, r, 0, 8);
      int i = 8;
      for (; i < n - (n % 8); i += 8)
        for (int j = 0; j < 8; j++) r[j] = round(r[j] + a[from + i + j], float32);
      double sum =
          round(
              round(round(r[0] + r[1], float32) + round(r[2] + r[3], float32), float32)
                  + round(round(r[4] + r[5], float32) + round(r[6] + r[7], float32), float32),
              float32);
      for (; i < n; i++) sum = round(sum + a[from + i], float32);
      return sum;
    }
    int half = n / 2;
    half -= half % 8;
    return round(sum(a, from, half, float32) + sum(a, from + half, n - half, float32), float32);
  }

  private static double round(double v, boolean float32) {
    return float32 ? (float) v : v;
  }
}
