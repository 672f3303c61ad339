package io.ocrbatch.worker;

import io.ocrbatch.activities.engines.OcrEngines;
import io.ocrbatch.activities.image.ImageDecoder;
import io.ocrbatch.activities.ocr.neural.NeuralModels;
import io.ocrbatch.activities.storage.StorageSettings;
import java.nio.file.Path;

/**
 * What a worker process serves: how many pages it OCRs at once on the CPU (one Tesseract handle per
 * slot) and with neural models ({@code ocr-gpu}: one slot per GPU, or one on a CPU-only host; 0
 * leaves that queue to other workers), how many I/O activities and workflow tasks it runs, where
 * Tesseract's models and BDRC model directories are, how it reaches S3, and whether it shares its
 * process with the embedded Temporal service (then it keeps workflows cached between tasks: see
 * {@link StickyWorkflows}).
 */
public record WorkerSettings(
    String name,
    int cpuSlots,
    int gpuSlots,
    int ioSlots,
    Path tessdata,
    Path modelDir,
    long maxImagePixels,
    StorageSettings storage,
    boolean besideEmbeddedService) {

  public static WorkerSettings defaults(String name) {
    int cores = Runtime.getRuntime().availableProcessors();
    return new WorkerSettings(
        name,
        cores,
        Math.max(1, NeuralModels.gpuCount()),
        16,
        OcrEngines.tessdataFromEnvironment(),
        OcrEngines.modelDirFromEnvironment(),
        ImageDecoder.DEFAULT_MAX_PIXELS,
        StorageSettings.fromEnvironment(),
        false);
  }

  public WorkerSettings withCpuSlots(int slots) {
    return new WorkerSettings(
        name,
        slots,
        gpuSlots,
        ioSlots,
        tessdata,
        modelDir,
        maxImagePixels,
        storage,
        besideEmbeddedService);
  }

  public WorkerSettings withGpuSlots(int slots) {
    return new WorkerSettings(
        name,
        cpuSlots,
        slots,
        ioSlots,
        tessdata,
        modelDir,
        maxImagePixels,
        storage,
        besideEmbeddedService);
  }

  public WorkerSettings withModelDir(Path dir) {
    return new WorkerSettings(
        name,
        cpuSlots,
        gpuSlots,
        ioSlots,
        tessdata,
        dir,
        maxImagePixels,
        storage,
        besideEmbeddedService);
  }

  public WorkerSettings withStorage(StorageSettings storage) {
    return new WorkerSettings(
        name,
        cpuSlots,
        gpuSlots,
        ioSlots,
        tessdata,
        modelDir,
        maxImagePixels,
        storage,
        besideEmbeddedService);
  }

  /** This worker runs in the process that hosts the embedded Temporal service. */
  public WorkerSettings withEmbeddedService() {
    return new WorkerSettings(
        name, cpuSlots, gpuSlots, ioSlots, tessdata, modelDir, maxImagePixels, storage, true);
  }
}
