package io.ocrbatch.activities.ocr.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import io.ocrbatch.activities.testing.ModelFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuFailureExceptionTest {
  @TempDir Path dir;

  @Test
  void cudaAndOutOfMemoryFailuresAreTheGpusFault() {
    assertThat(
            GpuFailureException.isGpuFailure(
                new EngineException("ai.onnxruntime.OrtException: CUDA failure 2: out of memory")))
        .isTrue();
    assertThat(
            GpuFailureException.isGpuFailure(
                new RuntimeException(
                    "wrapped", new IllegalStateException("CUDNN_STATUS_EXECUTION_FAILED"))))
        .isTrue();
    assertThat(
            GpuFailureException.isGpuFailure(
                new IllegalArgumentException("Got invalid dimensions for input: x")))
        .isFalse();
  }

  @Test
  void aModelFailingOnItsInputIsNotAGpuFailureAndNamesTheModel() {
    try (NeuralModels models = new NeuralModels(Device.cpu())) {
      Path model = ModelFixtures.paddleLines(dir, "Lines").resolve("lines.onnx");
      assertThatThrownBy(() -> models.run(model, new Tensor(new float[6], new long[] {1, 2, 3})))
          .isInstanceOf(IllegalStateException.class)
          .isNotInstanceOf(GpuFailureException.class)
          .hasMessageStartingWith("model lines.onnx failed on input Tensor[1, 2, 3]");
    }
  }
}
