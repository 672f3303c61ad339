package io.ocrbatch.activities.ocr;

import io.bdrc.ewtsconverter.EwtsConverter;
import io.ocrbatch.activities.ocr.bdrc.ModelDirectory;
import io.ocrbatch.activities.ocr.neural.NeuralModels;
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
 * from: Tesseract's data folder, the model directory, this thread's neural models.
 */
public final class OcrEngines implements AutoCloseable {
  public static final Path DEFAULT_TESSDATA = Path.of("/usr/share/tesseract-ocr/5/tessdata");

  private final Path tessdata;
  private final ModelDirectory models;
  private final Map<Integer, NeuralModels> devices = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger threads = new java.util.concurrent.atomic.AtomicInteger();
  private final ThreadLocal<Integer> deviceSlot =
      ThreadLocal.withInitial(() -> NeuralModels.gpuCount() > 1 ? threads.getAndIncrement() % NeuralModels.gpuCount() : 0);
  private final ThreadLocal<Map<String, OcrEngine>> perThread = ThreadLocal.withInitial(HashMap::new);
  private final List<OcrEngine> created = new CopyOnWriteArrayList<>();
  private final ThreadLocal<EwtsConverter> wylie = ThreadLocal.withInitial(EwtsConverter::new);

  public OcrEngines(Path tessdata) {
    this(tessdata, null);
  }

  /**
   * @param modelDir BDRC-style model directories ({@code --model-dir}), or null when there are none;
   *     every model in it is checked now, so a malformed one is an error at start-up
   */
  public OcrEngines(Path tessdata, Path modelDir) {
    this.tessdata = tessdata;
    this.models = ModelDirectory.scan(modelDir);
  }

  /** {@code OCRBATCH_MODEL_DIR}, or null. */
  public static Path modelDirFromEnvironment() {
    String dir = System.getenv("OCRBATCH_MODEL_DIR");
    return dir == null || dir.isBlank() ? null : Path.of(dir);
  }

  public Path tessdata() {
    return tessdata;
  }

  public ModelDirectory models() {
    return models;
  }

  /**
   * The neural models of this thread's device, each loaded on first use: with several GPUs, OCR
   * slots are spread over them in turn (one slot per GPU by default); otherwise all share one set.
   */
  public NeuralModels neural() {
    return devices.computeIfAbsent(deviceSlot.get(), NeuralModels::onBestDevice);
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
    String key = type.engine() + ":" + type.model() + ":" + type.lineMode();
    return perThread.get().computeIfAbsent(key, k -> {
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
    devices.values().forEach(NeuralModels::close);
    devices.clear();
  }

  private OcrEngine create(JobTypeSpec type) {
    return EngineRegistry.of(type).create(type, this);
  }

  /** Line images per recognition batch: {@code OCRBATCH_REC_BATCH}, else 32 on a GPU and 6 on the CPU. */
  public int recognitionBatch() {
    String configured = System.getenv("OCRBATCH_REC_BATCH");
    if (configured != null && !configured.isBlank()) return Integer.parseInt(configured.strip());
    return neural().device().isGpu() ? 32 : 6;
  }

  /** The page's text in the job type's encoding ({@code unicode} as recognised, or {@code wylie}). */
  public PageText encode(PageText page, JobTypeSpec type) {
    if (!"wylie".equals(type.encoding())) return page;
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
