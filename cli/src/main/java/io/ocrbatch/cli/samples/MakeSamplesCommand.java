package io.ocrbatch.cli.samples;

import io.ocrbatch.activities.samples.PageRenderer;
import io.ocrbatch.activities.samples.SampleTexts;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Renders sample volumes of known text, with the ground truth beside each page. */
@Command(
    name = "make-samples",
    description = {
      "Render sample page images of known English or Tibetan text (PNG, 300 dpi) with .gt.txt ground truth.",
      "Given a FILE.pdf instead of a folder, write an English PDF of that many pages (for uploads)."
    })
public final class MakeSamplesCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "DIR",
      description = "Volume folder to write pages into, or a .pdf file to write.")
  Path dir;

  @Option(names = "--language", defaultValue = "eng", description = "eng or bod (default: eng).")
  String language;

  @Option(names = "--pages", defaultValue = "3", description = "Number of pages (default: 3).")
  int pages;

  // A negatable option that is true by default is declared by its negative name: picocli makes the
  // declared form flip the default (declared as --ground-truth, it turned ground truth off).
  @Option(
      names = "--no-ground-truth",
      negatable = true,
      description = "Write no <page>.gt.txt beside the images (--ground-truth, the default, does).")
  boolean groundTruth = true;

  @Override
  public Integer call() throws IOException {
    if (dir.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".pdf")) {
      io.ocrbatch.activities.samples.SamplePdf.writeEnglish(dir, pages);
      System.err.printf("Wrote a %d-page English PDF to %s%n", pages, dir);
      return 0;
    }
    write(dir, language, pages, groundTruth);
    System.err.printf("Wrote %d %s page(s) to %s%n", pages, language, dir);
    return 0;
  }

  /** Writes {@code page-001.png …} and returns each page's lines. */
  public static List<List<String>> write(Path dir, String language, int pages, boolean groundTruth)
      throws IOException {
    boolean tibetan = "bod".equals(language);
    PageRenderer renderer =
        tibetan
            ? new PageRenderer(PageRenderer.TIBETAN_MACHINE, 56f, 1748, 1240)
            : new PageRenderer(PageRenderer.DEJAVU_SERIF, 46f, 1748, 2480);
    List<String> words =
        tibetan ? SampleTexts.tibetanSyllables(pages * 400) : SampleTexts.englishWords(pages * 400);
    Files.createDirectories(dir);
    List<List<String>> truth = new java.util.ArrayList<>();
    for (int i = 1; i <= pages; i++) {
      PageRenderer.Page page = renderer.render(words, tibetan ? "" : " ", tibetan ? 1.6 : 1.35);
      String stem = String.format("page-%03d", i);
      BufferedImage image = page.image();
      ImageIO.write(image, "png", dir.resolve(stem + ".png").toFile());
      if (groundTruth) {
        Files.writeString(
            dir.resolve(stem + ".gt.txt"),
            String.join("\n", page.lines()) + "\n",
            StandardCharsets.UTF_8);
      }
      truth.add(page.lines());
    }
    return truth;
  }
}
