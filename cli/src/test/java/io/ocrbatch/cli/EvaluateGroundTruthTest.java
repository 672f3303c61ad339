package io.ocrbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate --gt DIR} on a real scan from samples/real-scans, with true and false truth. */
class EvaluateGroundTruthTest {
  static final Path SCAN = Path.of("../samples/real-scans/phototest.tif");

  @Test
  void printsCerAndWerPerPageAndInTotal(@TempDir Path dir) throws Exception {
    Files.copy(SCAN, dir.resolve("right.tif"));
    Files.copy(SCAN.resolveSibling("phototest.gt.txt"), dir.resolve("right.gt.txt"));
    Files.copy(SCAN, dir.resolve("wrong.tif"));
    Files.writeString(dir.resolve("wrong.gt.txt"), "Nothing on this page says this.\n");
    Files.copy(SCAN, dir.resolve("no-truth.tif"));

    CliTestSupport.Result result =
        CliTestSupport.run(
            "evaluate",
            "--gt",
            dir.toString(),
            "--types",
            "tesseract-eng",
            "--save-text",
            dir.resolve("read").toString());

    assertThat(result.exitCode()).as(result.stdout()).isZero();
    assertThat(result.stdout()).contains("2 image(s) with ground truth at 300 dpi");
    assertThat(row(result.stdout(), "right")).startsWith("tesseract-eng right 0.00% 0.00%");
    assertThat(percent(row(result.stdout(), "wrong"), 2)).isGreaterThan(50);
    assertThat(percent(row(result.stdout(), "wrong"), 3)).isGreaterThan(80);
    double total = percent(row(result.stdout(), "TOTAL"), 2);
    assertThat(total).isBetween(1.0, 99.0); // the errors of both pages over both pages' length
    assertThat(row(result.stdout(), "TOTAL")).contains("tesseract 5");
    assertThat(result.stdout()).doesNotContain("no-truth");
    assertThat(dir.resolve("read/tesseract-eng/right.txt"))
        .content()
        .startsWith("This is a lot of 12 point text to test the");
  }

  @Test
  void aTibetanSetShowsEachPagesCerBesideTheReferenceTextsItCameWith(@TempDir Path dir)
      throws Exception {
    Path shared = SharedData.tibetanPecha();
    Path pages = Files.createDirectories(dir.resolve("pecha/pages"));
    for (String file : List.of("img_2.png", "img_2.gt.txt", "img_5.png", "img_5.gt.txt"))
      Files.copy(shared.resolve("pages").resolve(file), pages.resolve(file));
    Path reference = dir.resolve("pecha/reference");
    Path woodblock = Files.createDirectories(reference.resolve("woodblock"));
    for (String file : List.of("img_2.txt", "img_5.txt"))
      Files.copy(shared.resolve("reference/woodblock").resolve(file), woodblock.resolve(file));
    Path exact = Files.createDirectories(reference.resolve("exact"));
    for (String stem : List.of("img_2", "img_5")) // the truth on one line: whitespace is ignored
    Files.writeString(
          exact.resolve(stem + ".txt"),
          Files.readString(pages.resolve(stem + ".gt.txt")).replaceAll("\\s+", " "));
    Files.copy(
        pages.resolve("img_5.gt.txt"),
        Files.createDirectories(reference.resolve("partial")).resolve("img_5.txt"));

    CliTestSupport.Result result =
        CliTestSupport.run(
            "evaluate",
            "--gt",
            dir.resolve("pecha").toString(),
            "--types",
            "tesseract-bod-unicode,tesseract-bod-page");

    assertThat(result.exitCode()).as(result.stdout()).isZero();
    assertThat(result.stdout())
        .contains("2 image(s) with ground truth at 300 dpi; Tibetan: CER ignoring whitespace")
        .containsPattern(
            "CER +tesseract-bod-unicode +tesseract-bod-page +exact\\* +partial\\* +woodblock\\*");
    String[] img2 = tableRow(result.stdout(), "img_2");
    assertThat(percent(img2[1])).as("line by line, woodblock page").isLessThan(40);
    assertThat(percent(img2[2])).as("the page as one block").isGreaterThan(80);
    assertThat(img2).endsWith("0.00%", "100.00%", "1.14%"); // as published: woodblock 1.1 %
    assertThat(tableRow(result.stdout(), "img_5")).endsWith("0.00%", "0.00%", "1.98%");
    // a page a system gave nothing for: all of img_2's 1,409 letters of 1,409 + 808
    assertThat(tableRow(result.stdout(), "TOTAL")[4]).isEqualTo("63.55%");
  }

  @Test
  void aFolderWithoutGroundTruthIsRefusedWithTheReason(@TempDir Path dir) throws Exception {
    Files.copy(SCAN, dir.resolve("page.tif"));

    assertThat(CliTestSupport.run("evaluate", "--gt", dir.toString()).exitCode()).isNotZero();
    assertThat(CliTestSupport.run("evaluate", "--gt", dir.resolve("missing").toString()).exitCode())
        .isNotZero();
  }

  private static String row(String stdout, String page) {
    return Arrays.stream(stdout.split("\n"))
        .map(l -> l.strip().replaceAll("\\s+", " "))
        .filter(l -> l.split(" ").length > 1 && l.split(" ")[1].equals(page))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + page + " in\n" + stdout));
  }

  /** The CER table's row for the page: the row that starts with it and holds only rates. */
  private static String[] tableRow(String stdout, String page) {
    return Arrays.stream(stdout.split("\n"))
        .map(l -> l.strip().split("\\s+"))
        .filter(c -> c[0].equals(page) && Arrays.stream(c).skip(1).allMatch(v -> v.endsWith("%")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no table row for " + page + " in\n" + stdout));
  }

  private static double percent(String value) {
    return Double.parseDouble(value.replace("%", ""));
  }

  private static double percent(String row, int column) {
    return Double.parseDouble(row.split(" ")[column].replace("%", ""));
  }
}
