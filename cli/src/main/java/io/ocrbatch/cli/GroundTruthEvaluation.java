package io.ocrbatch.cli;

import io.ocrbatch.activities.engines.OcrEngines;
import io.ocrbatch.activities.image.BadImageException;
import io.ocrbatch.activities.image.ImageDecoder;
import io.ocrbatch.activities.ocr.OcrEngine;
import io.ocrbatch.activities.samples.ErrorCounting;
import io.ocrbatch.activities.samples.GroundTruthSet;
import io.ocrbatch.activities.samples.ReferenceTexts;
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
 * and in total (errors summed over the whole set, so long pages weigh more), with seconds per page;
 * then the character error rates side by side, with the texts other systems gave for the same pages
 * where the set brings them ({@code reference/<system>/}).
 */
final class GroundTruthEvaluation {
  private final List<GroundTruthSet.Sample> samples;
  private final List<BufferedImage> images = new ArrayList<>();
  private final int dpi;
  private final PrintStream out;
  private final Path saveTo;
  private final String nameColumn;
  private final ErrorCounting counting;
  private final CerTable table;

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
    this.counting = ErrorCounting.forTruths(samples.stream().map(s -> s.truth()).toList());
    this.table = new CerTable(samples, counting);
    ImageDecoder decoder = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);
    for (GroundTruthSet.Sample sample : samples) images.add(decoder.decodeGray(sample.image()));
  }

  void header() {
    out.printf(
        "%d image(s) with ground truth at %d dpi; %s%n",
        samples.size(), dpi, counting.description());
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
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      GroundTruthSet.Sample sample = samples.get(i);
      long started = System.nanoTime();
      String text = engines.encode(engine.recognize(images.get(i), dpi), type).text();
      double took = (System.nanoTime() - started) / 1e9;
      if (saveTo != null) save(name, sample.stem(), text);
      texts.add(text);
      seconds += took;
      int pageCharErrors = counting.characterErrors(sample.truth(), text);
      int pageChars = counting.characterCount(sample.truth());
      int pageWordErrors = counting.wordErrors(sample.truth(), text);
      int pageWords = counting.wordCount(sample.truth());
      charErrors += pageCharErrors;
      chars += pageChars;
      wordErrors += pageWordErrors;
      words += pageWords;
      out.printf(
          nameColumn + "%-24s %8s %8s %9.2f%n",
          name,
          sample.stem(),
          CerTable.percent(pageCharErrors, pageChars),
          CerTable.percent(pageWordErrors, pageWords),
          took);
    }
    table.add(name, texts);
    out.printf(
        nameColumn + "%-24s %8s %8s %9.2f  %s%n",
        name,
        "TOTAL",
        CerTable.percent(charErrors, chars),
        CerTable.percent(wordErrors, words),
        seconds / samples.size(),
        engine.version());
  }

  /** The CER table: the job types run, then the references the set came with. */
  void summary() throws IOException {
    for (ReferenceTexts reference : ReferenceTexts.beside(samples))
      table.add(
          reference.system() + CerTable.REFERENCE_MARK,
          samples.stream().map(s -> reference.of(s.stem())).toList());
    out.println();
    table.print(out);
  }

  private void save(String name, String stem, String text) throws IOException {
    Path file = saveTo.resolve(name.replaceAll("[^A-Za-z0-9._+-]", "_")).resolve(stem + ".txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
  }
}
