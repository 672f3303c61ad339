package io.ocrbatch.activities.ocr.bdrc;

/**
 * A recognizer's output as pyctcdecode turns it into log probabilities, in float32 as numpy does:
 * rows whose sums average exactly 1 are probabilities (their log, floored at 1e-15), anything else
 * is logits (log-softmax per row, clipped to log 1e-15 … 0).
 */
final class LogProbabilities {
  private static final float MIN_PROBABILITY = 1e-15f;

  private LogProbabilities() {}

  static float[][] of(
      float[] scores, int offset, int steps, int stride, int classStride, int classes) {
    float[][] rows = new float[steps][classes];
    for (int t = 0; t < steps; t++)
      for (int c = 0; c < classes; c++) rows[t][c] = scores[offset + t * stride + c * classStride];
    // numpy sums a contiguous row pairwise, a strided one element after element
    boolean contiguous = classStride == 1;
    float[] sums = new float[steps];
    for (int t = 0; t < steps; t++) sums[t] = sum(rows[t], contiguous);
    float mean = steps == 0 ? Float.NaN : (float) ((double) sum(sums, true) / steps);
    boolean probabilities = mean == 1f;
    float floor = (float) CtcBeamSearch.MIN_LOGP;
    for (float[] row : rows) {
      if (probabilities) {
        for (int c = 0; c < classes; c++)
          row[c] = (float) Math.log(Math.min(1f, Math.max(MIN_PROBABILITY, row[c])));
        continue;
      }
      float max = Float.NEGATIVE_INFINITY;
      for (float v : row) max = Math.max(max, v);
      if (Float.isInfinite(max)) max = 0;
      float[] exp = new float[classes];
      for (int c = 0; c < classes; c++) {
        row[c] = row[c] - max;
        exp[c] = (float) Math.exp(row[c]);
      }
      float log = (float) Math.log(sum(exp, contiguous));
      for (int c = 0; c < classes; c++) row[c] = Math.min(0f, Math.max(floor, row[c] - log));
    }
    return rows;
  }

  /**
   * The model's probability for class {@code c} in the row at {@code row}: the score itself when
   * the row reads as probabilities (all in 0…1, summing to about 1), else its softmax.
   */
  static float probability(float[] scores, int row, int classStride, int classes, int c) {
    boolean probabilities = true;
    double sum = 0, max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < classes; k++) {
      float v = scores[row + k * classStride];
      if (v < 0 || v > 1) probabilities = false;
      sum += v;
      max = Math.max(max, v);
    }
    float own = scores[row + c * classStride];
    if (probabilities && Math.abs(sum - 1) < 1e-2) return own;
    double exp = 0;
    for (int k = 0; k < classes; k++) exp += Math.exp(scores[row + k * classStride] - max);
    return (float) (Math.exp(own - max) / exp);
  }

  private static float sequential(float[] a) {
    float sum = 0;
    for (float v : a) sum += v;
    return sum;
  }

  /** numpy's float32 sum of a row: pairwise when contiguous, else one value after another. */
  private static float sum(float[] a, boolean contiguous) {
    if (!contiguous) return sequential(a);
    double[] values = new double[a.length];
    for (int i = 0; i < a.length; i++) values[i] = a[i];
    return (float) Numpy.sum(values, 0, values.length, true);
  }
}
