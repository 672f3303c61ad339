package io.ocrbatch.activities.ocr.bdrc;

import io.ocrbatch.activities.ocr.neural.Tensor;
import java.util.Arrays;

/**
 * Where a recognition model puts batch, time and classes in its output: models differ ([N,T,C],
 * [N,C,T], [T,N,C]); the class axis is the one as long as the charset.
 */
record OutputLayout(int steps, int stepStride, int classStride, int batchStride) {

  int offset(int item) {
    return item * batchStride;
  }

  static OutputLayout of(Tensor out, int batch, int classes, ModelConfig config) {
    long[] s = out.shape();
    if (s.length == 2 && batch == 1) s = new long[] {1, s[0], s[1]}; // a squeezed single line
    if (s.length != 3) throw mismatch(out, classes, config);
    int[] strides = {(int) (s[1] * s[2]), (int) s[2], 1};
    int classAxis = s[2] == classes ? 2 : s[1] == classes ? 1 : -1;
    if (classAxis < 0) throw mismatch(out, classes, config);
    int batchAxis = s[0] == batch ? 0 : 1;
    int timeAxis = 3 - classAxis - batchAxis;
    if (timeAxis == classAxis || timeAxis == batchAxis || timeAxis < 0 || timeAxis > 2)
      throw mismatch(out, classes, config);
    return new OutputLayout(
        (int) s[timeAxis], strides[timeAxis], strides[classAxis], strides[batchAxis]);
  }

  private static IllegalStateException mismatch(Tensor out, int classes, ModelConfig config) {
    return new IllegalStateException(
        "model "
            + config.name()
            + " returned shape "
            + Arrays.toString(out.shape())
            + ", which has no axis of "
            + classes
            + " classes (charset"
            + (config.addBlank() ? " + blank" : "")
            + ")");
  }
}
