package io.ocrbatch.cli;

import io.ocrbatch.activities.engines.OcrEngines;
import io.ocrbatch.activities.image.BadImageException;
import io.ocrbatch.activities.image.ImageDecoder;
import io.ocrbatch.activities.ocr.OcrEngine;
import io.ocrbatch.activities.samples.CharacterErrorRate;
import io.ocrbatch.activities.samples.GroundTruthSet;
import io.ocrbatch.activities.samples.WordErrorRate;
import io.ocrbatch.workflows.JobTypeSpec;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code evaluate --gt DIR}: job types on a library's own images with their true text, page by page
 * and in total (errors summed over the whole set, so long pages weigh more), with seconds per page.
 */
final class GroundTruthEvaluation {
  private final List<GroundTruthSet.Sample> samples;
  private final List<BufferedImage> images = new ArrayList<>();
  private final int dpi;
  private final PrintStream out;
  private final Path saveTo;
  private final String nameColumn;

  /**
   * {@code saveTo}: where each type's text goes, as {@code <type>/<stem>.txt}; null for nowhere.
   */
  GroundTruthEvaluation(
      List<GroundTruthSet.Sample> samples,
      int dpi,
      PrintStream out,
      Path saveTo,
      List<String> typeNames)
      throws BadImageException {
    int width = Math.max(16, typeNames.stream().mapToInt(String::length).max().orElse(0));
    this.nameColumn = "%-" + width + "s ";
    this.samples = samples;
    this.dpi = dpi;
    this.out = out;
    this.saveTo = saveTo;
    ImageDecoder decoder = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);
    for (GroundTruthSet.Sample sample : samples) images.add(decoder.decodeGray(sample.image()));
  }

  void header() {
    out.printf(
        "%d image(s) with ground truth at %d dpi; CER and WER after folding whitespace%n",
        samples.size(), dpi);
    out.printf(
        nameColumn + "%-24s %8s %8s %9s  %s%n",
        "job type",
        "page",
        "CER",
        "WER",
        "s/page",
        "engine");
  }

  /** Reads every image with one job type, prints a line per page and the type's total. */
  void run(String name, JobTypeSpec type, OcrEngines engines) throws IOException {
    OcrEngine engine = engines.engineFor(type);
    engine.recognize(images.get(0), dpi); // warm-up: model load is not timed
    long charErrors = 0, chars = 0, wordErrors = 0, words = 0;
    double seconds = 0;
    for (int i = 0; i < samples.size(); i++) {
      GroundTruthSet.Sample sample = samples.get(i);
      long started = System.nanoTime();
      String text = engines.encode(engine.recognize(images.get(i), dpi), type).text();
      double took = (System.nanoTime() - started) / 1e9;
      if (saveTo != null) {
        Path file =
            saveTo
                .resolve(name.replaceAll("[^A-Za-z0-9._+-]", "_"))
                .resolve(sample.stem() + ".txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
      }
      seconds += took;
      double cer = CharacterErrorRate.of(sample.truth(), text);
      double wer = WordErrorRate.of(sample.truth(), text);
      int pageChars = CharacterErrorRate.length(sample.truth());
      int pageWords = WordErrorRate.length(sample.truth());
      charErrors += Math.round(cer * pageChars);
      chars += pageChars;
      wordErrors += Math.round(wer * pageWords);
      words += pageWords;
      out.printf(
          nameColumn + "%-24s %7.2f%% %7.2f%% %9.2f%n",
          name,
          sample.stem(),
          cer * 100,
          wer * 100,
          took);
    }
    out.printf(
        nameColumn + "%-24s %7.2f%% %7.2f%% %9.2f  %s%n",
        name,
        "TOTAL",
        100.0 * charErrors / Math.max(1, chars),
        100.0 * wordErrors / Math.max(1, words),
        seconds / samples.size(),
        engine.version());
  }
}
