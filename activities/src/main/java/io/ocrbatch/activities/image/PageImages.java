package io.ocrbatch.activities.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds page images in folders, in reading order (natural order: p2 before p10). */
public final class PageImages {
  public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "tif", "tiff", "pdf");
  private static final Pattern DIGITS = Pattern.compile("\\d+");

  private PageImages() {}

  public static boolean isImage(Path file) {
    return isImageName(file.getFileName().toString()) && Files.isRegularFile(file);
  }

  /** A name with one of the {@link #EXTENSIONS}, not hidden. */
  public static boolean isImageName(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0
        && !name.startsWith(".")
        && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /** Image file names directly inside {@code folder}, naturally sorted. */
  public static List<String> list(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(PageImages::isImage)
          .map(p -> p.getFileName().toString())
          .sorted(NATURAL)
          .toList();
    }
  }

  /**
   * The pages of a volume folder in reading order: each image file, and each frame of a multi-page
   * TIFF or page of a PDF as {@code name#N}. A file whose pages cannot be counted stays one page
   * (its decoding then fails that page with the reason).
   */
  public static List<String> pages(Path folder) throws IOException {
    return pages(folder, list(folder));
  }

  /** The pages of some image files of a folder, in the order given. */
  public static List<String> pages(Path folder, List<String> files) {
    List<String> pages = new java.util.ArrayList<>();
    for (String file : files) {
      int frames = 1;
      if (file.toLowerCase(Locale.ROOT).matches(".*\\.(tiff?|pdf)")) {
        try {
          frames = ImageDecoder.imageCount(folder.resolve(file));
        } catch (IOException | RuntimeException e) {
          frames = 1;
        }
      }
      if (frames == 1) {
        pages.add(file);
      } else {
        for (int f = 1; f <= frames; f++) pages.add(PageRef.frame(file, f).name());
      }
    }
    return pages;
  }

  /** Sub-folders holding images, or the folder itself when it holds images directly. */
  public static List<Path> volumeFolders(Path root) throws IOException {
    if (!list(root).isEmpty()) return List.of(root);
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(Files::isDirectory)
          .filter(d -> !d.getFileName().toString().startsWith("."))
          .filter(PageImages::holdsImages)
          .sorted(Comparator.comparing(p -> p.getFileName().toString(), NATURAL))
          .toList();
    }
  }

  private static boolean holdsImages(Path dir) {
    try {
      return !list(dir).isEmpty();
    } catch (IOException e) {
      return true; // let the volume's own listing report the reason
    }
  }

  /** The file name without its extension: the stem page outputs are named after. */
  public static String stem(String imageName) {
    int dot = imageName.lastIndexOf('.');
    return dot > 0 ? imageName.substring(0, dot) : imageName;
  }

  public static final Comparator<String> NATURAL = PageImages::compareNatural;

  private static int compareNatural(String a, String b) {
    Matcher ma = DIGITS.matcher(a);
    Matcher mb = DIGITS.matcher(b);
    int ia = 0;
    int ib = 0;
    while (ma.find(ia) && mb.find(ib) && ma.start() - ia == mb.start() - ib) {
      int prefix = a.substring(ia, ma.start()).compareTo(b.substring(ib, mb.start()));
      if (prefix != 0) return prefix;
      int number =
          new java.math.BigInteger(ma.group()).compareTo(new java.math.BigInteger(mb.group()));
      if (number != 0) return number;
      ia = ma.end();
      ib = mb.end();
    }
    int rest = a.substring(ia).compareTo(b.substring(ib));
    return rest != 0 ? rest : a.compareTo(b);
  }
}
