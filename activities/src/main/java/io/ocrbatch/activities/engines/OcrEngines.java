package io.ocrbatch.activities.engines;

import io.bdrc.ewtsconverter.EwtsConverter;
import io.ocrbatch.activities.ocr.EngineResources;
import io.ocrbatch.activities.ocr.OcrEngine;
import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.workflows.JobTypeSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Gives each worker thread its own engine handle per job-type configuration (Tesseract handles are
 * not thread-safe, and creating one costs ~100 ms), created by the engine's provider in {@link
 * EngineRegistry}, and applies the job type's text encoding. Holds what providers create engines
 * from ({@link EngineResources}): Tesseract's data folder, the model directory, and the things
 * engines load once per worker.
 */
public final class OcrEngines implements EngineResources, AutoCloseable {
  public static final Path DEFAULT_TESSDATA = Path.of("/usr/share/tesseract-ocr/5/tessdata");

  private final Path tessdata;
  private final Path modelDir;
  private final Map<Class<?>, Object> shared = new java.util.concurrent.ConcurrentHashMap<>();
  private final ThreadLocal<Map<String, OcrEngine>> perThread =
      ThreadLocal.withInitial(HashMap::new);
  private final List<OcrEngine> created = new CopyOnWriteArrayList<>();
  private final ThreadLocal<EwtsConverter> wylie = ThreadLocal.withInitial(EwtsConverter::new);

  public OcrEngines(Path tessdata) {
    this(tessdata, null);
  }

  /**
   * @param modelDir BDRC-style model directories ({@code --model-dir}), or null when there are
   *     none; every model in it is checked now, so a malformed one is an error at start-up
   */
  public OcrEngines(Path tessdata, Path modelDir) {
    this.tessdata = tessdata;
    this.modelDir = modelDir;
    EngineRegistry.all().forEach(provider -> provider.prepare(this));
  }

  /** {@code OCRBATCH_MODEL_DIR}, or null. */
  public static Path modelDirFromEnvironment() {
    String dir = System.getenv("OCRBATCH_MODEL_DIR");
    return dir == null || dir.isBlank() ? null : Path.of(dir);
  }

  @Override
  public Path tessdata() {
    return tessdata;
  }

  @Override
  public Path modelDir() {
    return modelDir;
  }

  @Override
  public <T> T shared(Class<T> type, java.util.function.Supplier<T> create) {
    return type.cast(shared.computeIfAbsent(type, t -> create.get()));
  }

  /** Tesseract's data folder: {@code TESSDATA_PREFIX} when set, else Debian's. */
  public static Path tessdataFromEnvironment() {
    String prefix = System.getenv("TESSDATA_PREFIX");
    if (prefix != null && !prefix.isBlank()) {
      Path p = Path.of(prefix);
      return Files.isDirectory(p.resolve("tessdata")) ? p.resolve("tessdata") : p;
    }
    return DEFAULT_TESSDATA;
  }

  /** This thread's engine for the job type; fails with what to install when it cannot load. */
  public OcrEngine engineFor(JobTypeSpec type) {
    // the language too: paddle-en and paddle-ch share a model but decode different alphabets;
    // the encoding: a BDRC Wylie model writes a Wylie job type's text itself
    String key =
        type.engine()
            + ":"
            + type.model()
            + ":"
            + type.language()
            + ":"
            + type.lineMode()
            + ":"
            + type.encoding();
    return perThread
        .get()
        .computeIfAbsent(
            key,
            k -> {
              OcrEngine engine = create(type);
              created.add(engine);
              return engine;
            });
  }

  /** Ends every handle; call once the threads using them have stopped. */
  @Override
  public void close() {
    created.forEach(OcrEngine::close);
    created.clear();
    for (Object thing : shared.values()) {
      if (thing instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          throw new IllegalStateException(
              "cannot close " + thing.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
      }
    }
    shared.clear();
  }

  private OcrEngine create(JobTypeSpec type) {
    return EngineRegistry.of(type).create(type, this);
  }

  /**
   * The page's text in the job type's encoding ({@code unicode} as recognised, or {@code wylie}),
   * unless this thread's engine for the job type gave it in that encoding already.
   */
  public PageText encode(PageText page, JobTypeSpec type) {
    if (!"wylie".equals(type.encoding()) || "wylie".equals(engineFor(type).encoding())) return page;
    EwtsConverter converter = wylie.get();
    return page.mapText(converter::toWylie);
  }

  /** The engine and model a job type names, for manifests, without loading the model. */
  public static String describe(JobTypeSpec type) {
    return EngineRegistry.of(type).version(type, null);
  }

  /** The engine's name and version as this worker runs it (provenance), loading it when needed. */
  public String version(JobTypeSpec type) {
    return EngineRegistry.of(type).version(type, engineFor(type));
  }

  /** The digest of the job type's model files here, or null where the engine has none to give. */
  public String modelDigest(JobTypeSpec type) {
    return EngineRegistry.of(type).modelDigest(type, this);
  }

  /** Checks that the job type's engine loads here (worker start-up, `ocr` preflight). */
  public String check(JobTypeSpec type) {
    return engineFor(type).version();
  }
}
