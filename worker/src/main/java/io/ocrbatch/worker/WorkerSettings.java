package io.ocrbatch.worker;

import io.ocrbatch.activities.image.ImageDecoder;
import io.ocrbatch.activities.ocr.OcrEngines;
import io.ocrbatch.activities.storage.StorageSettings;
import java.nio.file.Path;

/**
 * What a worker process serves: how many pages it OCRs at once on the CPU (one Tesseract handle
 * per slot), how many I/O activities and workflow tasks it runs, where Tesseract's models are, and
 * how it reaches S3 for page images and results.
 */
public record WorkerSettings(
    String name, int cpuSlots, int ioSlots, Path tessdata, long maxImagePixels, StorageSettings storage) {

  public static WorkerSettings defaults(String name) {
    int cores = Runtime.getRuntime().availableProcessors();
    return new WorkerSettings(
        name, cores, 16, OcrEngines.tessdataFromEnvironment(), ImageDecoder.DEFAULT_MAX_PIXELS,
        StorageSettings.fromEnvironment());
  }

  public WorkerSettings withCpuSlots(int slots) {
    return new WorkerSettings(name, slots, ioSlots, tessdata, maxImagePixels, storage);
  }

  public WorkerSettings withStorage(StorageSettings storage) {
    return new WorkerSettings(name, cpuSlots, ioSlots, tessdata, maxImagePixels, storage);
  }
}
