package io.ocrbatch.worker;

import java.nio.file.Path;

/**
 * What a worker process serves: how many pages it OCRs at once on the CPU (one Tesseract handle
 * per slot), how many I/O activities and workflow tasks it runs, and where Tesseract's models are.
 */
public record WorkerSettings(String name, int cpuSlots, int ioSlots, Path tessdata, long maxImagePixels) {

  public static WorkerSettings defaults(String name) {
    int cores = Runtime.getRuntime().availableProcessors();
    return new WorkerSettings(
        name, cores, 16, io.ocrbatch.activities.ocr.OcrEngines.tessdataFromEnvironment(),
        io.ocrbatch.activities.image.ImageDecoder.DEFAULT_MAX_PIXELS);
  }

  public WorkerSettings withCpuSlots(int slots) {
    return new WorkerSettings(name, slots, ioSlots, tessdata, maxImagePixels);
  }
}
