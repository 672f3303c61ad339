package io.ocrbatch.activities.ocr.neural;

import java.util.Arrays;

/** A dense float tensor in row-major order: what goes into a model and what comes out. */
public record Tensor(float[] data, long[] shape) {

  public Tensor {
    long size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    if (size != data.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " needs " + size + " values, got " + data.length);
    }
  }

  public int dim(int axis) {
    return (int) shape[axis];
  }

  public int rank() {
    return shape.length;
  }

  @Override
  public String toString() {
    return "Tensor" + Arrays.toString(shape);
  }
}
