package io.ocrbatch.activities.ocr.bdrc;

/** numpy's float64 mean (pairwise summation), so that means of many values round as in BDRC. */
final class Numpy {
  private Numpy() {}

  static double mean(double[] values) {
    return sum(values, 0, values.length) / values.length;
  }

  private static double sum(double[] a, int from, int n) {
    if (n < 8) {
      double sum = 0;
      for (int i = 0; i < n; i++) sum += a[from + i];
      return sum;
    }
    if (n <= 128) {
      double[] r = new double[8];
      System.arraycopy(a, from, r, 0, 8);
      int i = 8;
      for (; i < n - (n % 8); i += 8) for (int j = 0; j < 8; j++) r[j] += a[from + i + j];
      double sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++) sum += a[from + i];
      return sum;
    }
    int half = n / 2;
    half -= half % 8;
    return sum(a, from, half) + sum(a, from + half, n - half);
  }
}
