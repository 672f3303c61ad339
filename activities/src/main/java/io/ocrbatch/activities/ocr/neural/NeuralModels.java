package io.ocrbatch.activities.ocr.neural;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import io.ocrbatch.activities.ocr.EngineUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The neural models of one worker, each loaded once (ONNX files on ONNX Runtime, TorchScript {@code
 * .pt} files on PyTorch) and shared by all its OCR slots: a loaded model is thread-safe, a
 * predictor is not, so each thread gets its own predictor per model.
 */
public final class NeuralModels implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NeuralModels.class);

  static {
    System.setProperty(
        "ai.djl.offline", "true"); // models come from jars and model directories, never the network
  }

  private final Device device;
  private final Map<Path, ZooModel<NDList, NDList>> models = new ConcurrentHashMap<>();
  private final ThreadLocal<Map<Path, Predictor<NDList, NDList>>> predictors =
      ThreadLocal.withInitial(HashMap::new);
  private final List<Predictor<NDList, NDList>> created = new CopyOnWriteArrayList<>();
  private final Map<String, Path> resources = new ConcurrentHashMap<>();

  public NeuralModels(Device device) {
    this.device = device;
  }

  /**
   * GPU {@code index} (modulo the GPUs there are) when ONNX Runtime sees one (a CUDA build on a
   * CUDA host), else the CPU; {@code OCRBATCH_DEVICE=cpu} keeps a GPU host on the CPU (e.g. to
   * compare).
   */
  public static NeuralModels onBestDevice(int index) {
    int gpus = gpuCount();
    return new NeuralModels(gpus > 0 ? Device.gpu(index % gpus) : Device.cpu());
  }

  private static volatile Integer gpus;

  /**
   * GPUs visible to ONNX Runtime; 0 on CPU-only hosts, CPU builds, and with OCRBATCH_DEVICE=cpu.
   */
  public static int gpuCount() {
    if (gpus == null) {
      int count = 0;
      // Without an NVIDIA driver there is nothing to ask ONNX Runtime (whose probe warns on every
      // CPU host).
      boolean driver = java.nio.file.Files.exists(Path.of("/proc/driver/nvidia/version"));
      if (driver && !"cpu".equalsIgnoreCase(System.getenv().getOrDefault("OCRBATCH_DEVICE", ""))) {
        try {
          count = Engine.getEngine("OnnxRuntime").getGpuCount();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
          log.info("No GPU for ONNX Runtime: {}", e.getMessage());
        }
      }
      log.info("Neural models run on {}", count > 0 ? count + " GPU(s)" : "the CPU");
      gpus = count;
    }
    return gpus;
  }

  public Device device() {
    return device;
  }

  /**
   * Loads a model file once (later calls return the same model); fails with the file and reason.
   */
  public ZooModel<NDList, NDList> load(Path file) {
    return models.computeIfAbsent(file.toAbsolutePath().normalize(), this::open);
  }

  /** A model file shipped in a jar (e.g. the PP-OCRv4 models), copied out once per worker. */
  public Path resource(String name) {
    return resources.computeIfAbsent(name, NeuralModels::copyOut);
  }

  private static Path copyOut(String name) {
    Path target =
        Path.of(System.getProperty("java.io.tmpdir"), "ocrbatch-models", name.replace('/', '_'));
    try (InputStream in = NeuralModels.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null)
        throw new EngineUnavailableException("model " + name + " is not on the classpath");
      Files.createDirectories(target.getParent());
      Path partial =
          Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.move(
          partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy model " + name + " to " + target, e);
    }
  }

  private ZooModel<NDList, NDList> open(Path file) {
    if (!Files.isRegularFile(file))
      throw new EngineUnavailableException("model file " + file + " does not exist");
    String engine = engineFor(file);
    long started = System.nanoTime();
    Criteria<NDList, NDList> criteria =
        Criteria.builder()
            .setTypes(NDList.class, NDList.class)
            .optEngine(engine)
            .optDevice(device)
            .optModelPath(file.getParent())
            .optModelName(stem(file))
            .optTranslator(new NoopTranslator())
            .build();
    try {
      ZooModel<NDList, NDList> model = criteria.loadModel();
      log.info(
          "Loaded {} on {} ({}) in {} ms",
          file,
          engine,
          device,
          (System.nanoTime() - started) / 1_000_000);
      return model;
    } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
      throw new EngineUnavailableException(
          "cannot load model " + file + " on " + engine + " (" + device + "): " + e.getMessage());
    }
  }

  public static String engineFor(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".onnx")) return "OnnxRuntime";
    if (name.endsWith(".pt") || name.endsWith(".torchscript")) return "PyTorch";
    throw new EngineUnavailableException(
        "model file " + file + " is neither .onnx (ONNX Runtime) nor .pt (TorchScript)");
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.lastIndexOf('.'));
  }

  /**
   * The model's declared input shapes (-1 where dynamic), e.g. to see how many channels it takes.
   */
  public List<long[]> inputShapes(Path file) {
    List<long[]> shapes = new ArrayList<>();
    var described = load(file).getBlock().describeInput();
    if (described != null)
      described.values().stream()
          .filter(java.util.Objects::nonNull)
          .forEach(s -> shapes.add(s.getShape()));
    return shapes;
  }

  /** Runs a model on this thread's predictor: one input tensor in, the first output out. */
  public Tensor run(Path file, Tensor input) {
    return run(file, input, null, null);
  }

  /** Runs a model with named input and output layers (null: the first of each). */
  public Tensor run(Path file, Tensor input, String inputName, String outputName) {
    ZooModel<NDList, NDList> model = load(file);
    Predictor<NDList, NDList> predictor =
        predictors
            .get()
            .computeIfAbsent(
                file.toAbsolutePath().normalize(),
                k -> {
                  Predictor<NDList, NDList> p = model.newPredictor();
                  created.add(p);
                  return p;
                });
    try (NDManager manager = model.getNDManager().newSubManager()) {
      NDArray array = manager.create(input.data(), new Shape(input.shape()));
      if (inputName != null) array.setName(inputName);
      NDList outputs = predictor.predict(new NDList(array));
      NDArray output =
          outputName != null && outputs.contains(outputName)
              ? outputs.get(outputName)
              : outputs.get(0);
      return new Tensor(output.toFloatArray(), output.getShape().getShape());
    } catch (TranslateException | RuntimeException e) {
      if (GpuFailureException.isGpuFailure(e)) {
        throw new GpuFailureException(
            "GPU failure running " + file.getFileName() + " on " + device + ": " + e.getMessage(),
            e);
      }
      throw new IllegalStateException(
          "model " + file.getFileName() + " failed on input " + input + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    created.forEach(Predictor::close);
    created.clear();
    models.values().forEach(ZooModel::close);
    models.clear();
  }
}
