package io.ocrbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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

  private static double percent(String row, int column) {
    return Double.parseDouble(row.split(" ")[column].replace("%", ""));
  }
}
