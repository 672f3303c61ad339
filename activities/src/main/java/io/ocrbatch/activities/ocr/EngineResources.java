package io.ocrbatch.activities.ocr;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What a worker holds for its engines and hands to their providers: where models live, and one
 * shared instance per kind of thing engines load once (model directories, neural models), closed
 * with the worker when it is {@link AutoCloseable}.
 */
public interface EngineResources {
  /** Tesseract's data folder. */
  Path tessdata();

  /** BDRC-style model directories ({@code --model-dir}), or null when there are none. */
  Path modelDir();

  /** The worker's one instance of {@code type}, made by {@code create} on first use. */
  <T> T shared(Class<T> type, Supplier<T> create);
}
