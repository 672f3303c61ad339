package io.ocrbatch.cli;

import io.ocrbatch.activities.engines.EngineRegistry;
import io.ocrbatch.activities.engines.OcrEngines;
import io.ocrbatch.activities.fault.ExitCode;
import io.ocrbatch.activities.ocr.EngineProvider;
import io.ocrbatch.activities.ocr.OcrEngine;
import io.ocrbatch.activities.samples.CharacterErrorRate;
import io.ocrbatch.activities.samples.GroundTruthSet;
import io.ocrbatch.activities.samples.PageRenderer;
import io.ocrbatch.activities.samples.SampleTexts;
import io.ocrbatch.activities.samples.ScanNoise;
import io.ocrbatch.workflows.JobTypeSpec;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Accuracy and speed of job types side by side in one run: on rendered English pages, clean and as
 * if scanned (skewed 1°, blurred, speckled), or with {@code --gt} on a folder of real images with
 * their true text. Engines run in this process, one page at a time.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Character error rate and pages/s of job types on rendered English pages, clean and noisy;",
      "with --gt DIR: CER, WER and seconds per page on your own images (<stem>.gt.txt beside each)."
    })
final class EvaluateCommand implements Callable<Integer> {
  @Option(
      names = "--types",
      split = ",",
      defaultValue = "paddle-en,tesseract-eng",
      description =
          "Job types to compare: ${COMPLETION-CANDIDATES} (bdrc ones with --model-dir) (default: ${DEFAULT-VALUE}).",
      completionCandidates = EvaluationTypes.class)
  List<String> types;

  @Option(
      names = "--pages",
      defaultValue = "3",
      description = "Pages per variant (default: 3), A4 at 300 dpi, 12 pt text.")
  int pages;

  @Option(names = "--model-dir", description = "BDRC model directories, for bdrc: types.")
  Path modelDir;

  @Option(
      names = "--gt",
      paramLabel = "DIR",
      description =
          "A folder of page or line images, each with its true text in <stem>.gt.txt (e.g. samples/real-scans),"
              + " or a set's folder with pages/ and reference/<system>/<stem>.txt (other systems' texts, extra columns).")
  Path groundTruth;

  @Option(
      names = "--dpi",
      defaultValue = "300",
      description = "With --gt: the resolution the images were scanned at (default: 300).")
  int dpi;

  @Option(
      names = "--save-text",
      paramLabel = "DIR",
      description = "With --gt: also write what each type read, as DIR/<type>/<stem>.txt.")
  Path saveText;

  @Override
  public Integer call() throws Exception {
    if (groundTruth != null) return evaluateGroundTruth();
    List<PageRenderer.Page> clean = render(pages);
    List<BufferedImage> noisy = new ArrayList<>();
    for (int i = 0; i < clean.size(); i++) noisy.add(ScanNoise.scanned(clean.get(i).image(), i));
    System.out.printf(
        "%d rendered page(s) per variant, %d lines each on average; noisy = skewed 1°, blurred (sigma 1 px), 0.5%% speckle%n",
        pages, clean.stream().mapToInt(p -> p.lines().size()).sum() / Math.max(1, pages));
    System.out.printf(
        "%-16s %-6s %8s %12s %9s  %s%n",
        "job type", "pages", "CER", "s/page (med)", "pages/s", "engine");
    try (OcrEngines engines =
        new OcrEngines(
            OcrEngines.tessdataFromEnvironment(),
            modelDir != null ? modelDir : OcrEngines.modelDirFromEnvironment())) {
      for (String name : types) {
        JobTypeSpec type = spec(name);
        OcrEngine engine = engines.engineFor(type);
        engine.recognize(
            clean.get(0).image(),
            300); // warm-up: model load and first-run allocations are not timed
        report(
            name,
            "clean",
            engine,
            engines,
            type,
            clean.stream().map(PageRenderer.Page::image).toList(),
            clean);
        report(name, "noisy", engine, engines, type, noisy, clean);
      }
    }
    return ExitCode.OK.code();
  }

  private int evaluateGroundTruth() throws Exception {
    List<JobTypeSpec> specs = types.stream().map(EvaluateCommand::spec).toList();
    GroundTruthEvaluation evaluation =
        new GroundTruthEvaluation(
            GroundTruthSet.read(groundTruth), dpi, System.out, saveText, types);
    evaluation.header();
    try (OcrEngines engines =
        new OcrEngines(
            OcrEngines.tessdataFromEnvironment(),
            modelDir != null ? modelDir : OcrEngines.modelDirFromEnvironment())) {
      for (int i = 0; i < types.size(); i++) evaluation.run(types.get(i), specs.get(i), engines);
    }
    evaluation.summary();
    return ExitCode.OK.code();
  }

  private static void report(
      String name,
      String variant,
      OcrEngine engine,
      OcrEngines engines,
      JobTypeSpec type,
      List<BufferedImage> images,
      List<PageRenderer.Page> truth) {
    StringBuilder expected = new StringBuilder(), recognised = new StringBuilder();
    double[] seconds = new double[images.size()];
    for (int i = 0; i < images.size(); i++) {
      long started = System.nanoTime();
      String text = engines.encode(engine.recognize(images.get(i), 300), type).text();
      seconds[i] = (System.nanoTime() - started) / 1e9;
      expected.append(String.join("\n", truth.get(i).lines())).append('\n');
      recognised.append(text).append('\n');
    }
    double cer = CharacterErrorRate.of(expected.toString(), recognised.toString());
    double total = Arrays.stream(seconds).sum();
    Arrays.sort(seconds);
    System.out.printf(
        "%-16s %-6s %7.2f%% %12.2f %9.2f  %s%n",
        name,
        variant,
        cer * 100,
        seconds[seconds.length / 2],
        images.size() / total,
        engine.version());
  }

  static List<PageRenderer.Page> render(int count) {
    List<String> words = new ArrayList<>(SampleTexts.englishWords(count * 500));
    PageRenderer renderer = new PageRenderer(PageRenderer.DEJAVU_SERIF, 50, 2480, 3508);
    List<PageRenderer.Page> pages = new ArrayList<>();
    for (int i = 0; i < count; i++) pages.add(renderer.render(words, " ", 1.4));
    return pages;
  }

  /**
   * The job type an evaluation name means, asked of every engine's provider, without a database.
   */
  static JobTypeSpec spec(String name) {
    return EngineRegistry.all().stream()
        .flatMap(p -> p.evaluationType(name).stream())
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "--types: unknown job type '"
                        + name
                        + "' ("
                        + String.join(", ", new EvaluationTypes())
                        + ")"));
  }

  /** The names {@code --types} accepts, engine by engine. */
  static final class EvaluationTypes implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return EngineRegistry.all().stream().map(EngineProvider::evaluationNames).iterator();
    }
  }
}
