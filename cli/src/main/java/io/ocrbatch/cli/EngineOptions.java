package io.ocrbatch.cli;

import io.ocrbatch.worker.WorkerSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a process's worker OCRs: slots on the CPU and for neural models, and where models are. */
final class EngineOptions {
  @Option(
      names = "--threads",
      description = "Pages OCRed at once with Tesseract (default: CPU cores).")
  Integer threads;

  @Option(
      names = "--gpu-slots",
      description =
          "Pages OCRed at once with neural models (queue ocr-gpu; default: one per GPU, 1 without a GPU; 0: leave them to other workers).")
  Integer gpuSlots;

  @Option(
      names = "--model-dir",
      description =
          "Folder of BDRC-style model directories, each with a model_config.json (default: OCRBATCH_MODEL_DIR).")
  Path modelDir;

  WorkerSettings apply(WorkerSettings settings) {
    if (threads != null) settings = settings.withCpuSlots(threads);
    if (gpuSlots != null) settings = settings.withGpuSlots(gpuSlots);
    if (modelDir != null) settings = settings.withModelDir(modelDir);
    return settings;
  }
}
