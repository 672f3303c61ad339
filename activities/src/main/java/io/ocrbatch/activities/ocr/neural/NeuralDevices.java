package io.ocrbatch.activities.ocr.neural;

import io.ocrbatch.activities.ocr.EngineResources;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The neural models of a worker, one set per device: with several GPUs, OCR threads are spread over
 * them in turn (one slot per GPU by default); otherwise all threads share one set.
 */
public final class NeuralDevices implements AutoCloseable {
  private final Map<Integer, NeuralModels> devices = new ConcurrentHashMap<>();
  private final AtomicInteger threads = new AtomicInteger();
  private final ThreadLocal<Integer> slot =
      ThreadLocal.withInitial(
          () ->
              NeuralModels.gpuCount() > 1
                  ? threads.getAndIncrement() % NeuralModels.gpuCount()
                  : 0);

  /**
   * The models of this thread's device, from the worker's resources; each model loads on first use.
   */
  public static NeuralModels forThisThread(EngineResources resources) {
    return resources.shared(NeuralDevices.class, NeuralDevices::new).models();
  }

  /**
   * Line images per recognition batch: {@code OCRBATCH_REC_BATCH}, else 32 on a GPU and 6 on the
   * CPU.
   */
  public static int recognitionBatch(NeuralModels models) {
    String configured = System.getenv("OCRBATCH_REC_BATCH");
    if (configured != null && !configured.isBlank()) return Integer.parseInt(configured.strip());
    return models.device().isGpu() ? 32 : 6;
  }

  NeuralModels models() {
    return devices.computeIfAbsent(slot.get(), NeuralModels::onBestDevice);
  }

  @Override
  public void close() {
    devices.values().forEach(NeuralModels::close);
    devices.clear();
  }
}
