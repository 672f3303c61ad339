package io.ocrbatch.activities.samples;

import io.ocrbatch.activities.fault.BadInputException;
import io.ocrbatch.activities.image.PageImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A folder of page (or line) images, each with its true text beside it in {@code <stem>.gt.txt}:
 * the layout of OCR-D / Tesseract training sets and of {@code samples/real-scans}.
 */
public final class GroundTruthSet {
  /** One image and its true text. */
  public record Sample(Path image, String stem, String truth) {}

  /** The sub-folder of a set that holds its pages, beside {@code reference/}. */
  public static final String PAGES = "pages";

  private GroundTruthSet() {}

  /**
   * The images of {@code folder} (not its sub-folders) that have a {@code .gt.txt}, in natural
   * order; images without one are skipped. A set laid out as {@code pages/} beside {@code
   * reference/} may be named by its own folder.
   *
   * @throws BadInputException naming the folder when it is missing or holds no such pair
   */
  public static List<Sample> read(Path folder) throws IOException {
    if (!Files.isDirectory(folder))
      throw new BadInputException("--gt " + folder + ": not a folder");
    List<Sample> samples = pairs(folder);
    if (samples.isEmpty() && Files.isDirectory(folder.resolve(PAGES)))
      samples = pairs(folder.resolve(PAGES));
    if (samples.isEmpty())
      throw new BadInputException(
          "--gt "
              + folder
              + ": no image with ground truth beside it (expected <stem>.png|jpg|tif with <stem>.gt.txt)");
    return samples;
  }

  private static List<Sample> pairs(Path folder) throws IOException {
    List<Sample> samples = new ArrayList<>();
    for (String name : PageImages.list(folder)) {
      String stem = PageImages.stem(name);
      Path truth = folder.resolve(stem + ".gt.txt");
      if (!Files.isRegularFile(truth)) continue;
      samples.add(
          new Sample(folder.resolve(name), stem, Files.readString(truth, StandardCharsets.UTF_8)));
    }
    return samples;
  }
}
