package io.ocrbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocrbatch.activities.fault.ExitCode;
import io.ocrbatch.activities.samples.CharacterErrorRate;
import io.ocrbatch.activities.samples.PageRenderer;
import io.ocrbatch.activities.samples.SampleTexts;
import io.ocrbatch.activities.testing.OutputChecks;
import io.ocrbatch.activities.testing.ScanFiles;
import io.ocrbatch.activities.testing.TestDatabases;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every output format from real Tesseract runs (English and Tibetan), read back the way users'
 * tools read them: PAGE XML and ALTO by the official schemas, hOCR by an HTML parser, the volume's
 * PDF by poppler. A format added to a finished volume's job type is written from the pages' JSON
 * without OCR and without --force.
 */
class OutputFormatsEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALL = "txt,json,page,alto,hocr,pdf,md";
  @TempDir Path dir;

  @Test
  void everyFormatIsValidAndReadByRealToolsAndAFormatAddedLaterNeedsNoOcr() throws Exception {
    CliTestSupport.englishVolume(dir.resolve("eng/book"), 2, 0);
    Path pecha = Files.createDirectories(dir.resolve("bod/pecha"));
    PageRenderer renderer = new PageRenderer(PageRenderer.TIBETAN_MACHINE, 56f, 1748, 700);
    PageRenderer.Page tibetan = renderer.render(SampleTexts.tibetanSyllables(200), "", 1.6);
    ScanFiles.write(tibetan.image(), "png", 200, pecha.resolve("p1.png")); // a 200 dpi scan
    Path out = dir.resolve("out");
    try (TestDatabases.Fresh db = TestDatabases.fresh()) {
      String url = db.database().url();
      assertThat(ocr("eng", "tesseract-eng", "F1", url)).isEqualTo(ExitCode.OK.code());
      Path book = out.resolve("tesseract-eng/book");
      assertThat(book.resolve("page-001.xml")).doesNotExist();
      FileTime ocred = Files.getLastModifiedTime(book.resolve("page-001.json"));

      db.database()
          .jdbc()
          .update(
              "UPDATE job_types SET output_formats = ? WHERE name IN"
                  + " ('tesseract-eng', 'tesseract-bod-unicode')",
              ALL);
      assertThat(ocr("eng", "tesseract-eng", "F2", url)).isEqualTo(ExitCode.OK.code());
      assertThat(Files.getLastModifiedTime(book.resolve("page-001.json")))
          .as("the finished volume got its new formats without OCR")
          .isEqualTo(ocred);
      assertThat(ocr("bod", "tesseract-bod-unicode", "F3", url)).isEqualTo(ExitCode.OK.code());

      for (Path volume : List.of(book, out.resolve("tesseract-bod-unicode/pecha"))) {
        checkEveryFile(volume);
      }
      String englishTxt =
          Files.readString(book.resolve("page-001.txt"))
              + Files.readString(book.resolve("page-002.txt"));
      String englishPdf = OutputChecks.pdftotext(book.resolve("book.pdf"));
      assertThat(CharacterErrorRate.ignoringSpaces(englishTxt, englishPdf))
          .as("pdftotext gives back the recognised English text")
          .isLessThanOrEqualTo(0.01);
      Path pechaOut = out.resolve("tesseract-bod-unicode/pecha");
      String tibetanTxt = Files.readString(pechaOut.resolve("p1.txt"));
      String tibetanPdf = OutputChecks.pdftotext(pechaOut.resolve("pecha.pdf"));
      assertThat(tibetanTxt).containsPattern("[\\u0F40-\\u0FBC]");
      assertThat(CharacterErrorRate.ignoringSpaces(tibetanTxt, tibetanPdf))
          .as("pdftotext gives back the recognised Tibetan Unicode")
          .isLessThanOrEqualTo(0.01);
      assertThat(OutputChecks.pdfinfo(book.resolve("book.pdf")))
          .contains("Pages:           2")
          .contains("Producer:        ocrbatch")
          .contains("336 x 100.8 pts"); // 1400 x 420 pixels at 300 dpi

      wordsLieOverTheirBoxes(book.resolve("book.pdf"), book.resolve("page-001.json"));
      assertThat(OutputChecks.pdfinfo(pechaOut.resolve("pecha.pdf")))
          .as("the scan's own 200 dpi sets the page size")
          .contains("629.28 x 252 pts");
      assertThat(JSON.readTree(pechaOut.resolve("p1.json").toFile()).path("dpi").asInt())
          .as("the page JSON records the dpi the page was read at")
          .isEqualTo(200);
      assertThat(JSON.readTree(book.resolve("page-001.json").toFile()).path("dpi").asInt())
          .as("no dpi tag: 300")
          .isEqualTo(300);
      looksLikeTheScan(
          book.resolve("book.pdf"), dir.resolve("eng/book/page-001.png"), 300, "english");
      looksLikeTheScan(pechaOut.resolve("pecha.pdf"), pecha.resolve("p1.png"), 200, "tibetan");

      Path mirror = dir.resolve("mirror");
      assertThat(
              OcrbatchCli.run(
                  "sync", "--job-key", "F3", "--to", mirror.toString(), "--db-url", url, "--quiet"))
          .isZero();
      Path mirrored = mirror.resolve("tesseract-bod-unicode/pecha");
      for (String name : List.of("p1.xml", "p1.alto.xml", "p1.hocr", "pecha.pdf", "p1.md"))
        assertThat(mirrored.resolve(name))
            .as("sync carries " + name)
            .hasSameBinaryContentAs(pechaOut.resolve(name));
      keep(book, "book");
      keep(pechaOut, "pecha");
      JsonNode manifest = JSON.readTree(book.resolve("manifest.json").toFile());
      assertThat(manifest.path("pdf").asText()).isEqualTo("book.pdf");
      assertThat(manifest.path("pages").get(0).path("files").toString())
          .isEqualTo(
              "[\"page-001.txt\",\"page-001.xml\",\"page-001.alto.xml\",\"page-001.hocr\","
                  + "\"page-001.md\",\"page-001.json\"]");
      assertThat(JSON.readTree(book.resolve("success.json").toFile()).path("output_formats").size())
          .isEqualTo(7);
    }
  }

  /** A copy of the volume's results in cli/target/output-formats/, to look at. */
  private static void keep(Path volume, String name) throws Exception {
    Path kept = Files.createDirectories(Path.of("target/output-formats").resolve(name));
    try (Stream<Path> files = Files.list(volume)) {
      for (Path f : files.toList())
        Files.copy(f, kept.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private int ocr(String folder, String type, String key, String dbUrl) {
    return OcrbatchCli.run(
        "ocr",
        dir.resolve(folder).toString(),
        "--type",
        type,
        "--out",
        dir.resolve("out").toString(),
        "--db-url",
        dbUrl,
        "--job-key",
        key);
  }

  private static void checkEveryFile(Path volume) throws Exception {
    List<Path> files;
    try (Stream<Path> list = Files.list(volume)) {
      files = list.sorted().toList();
    }
    int page = 0, alto = 0, hocr = 0;
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (name.endsWith(".alto.xml")) {
        OutputChecks.validAlto(file);
        alto++;
      } else if (name.endsWith(".xml")) {
        OutputChecks.validPageXml(file);
        page++;
      } else if (name.endsWith(".hocr")) {
        String stem = name.substring(0, name.length() - ".hocr".length());
        List<String> words = OutputChecks.hocrWords(file);
        assertThat(String.join(" ", words).replaceAll("\\s", ""))
            .as("the hOCR holds the page's words")
            .isEqualTo(Files.readString(volume.resolve(stem + ".txt")).replaceAll("\\s", ""));
        hocr++;
      }
    }
    long pages = files.stream().filter(f -> f.toString().endsWith(".json")).count() - 3;
    assertThat(List.of(page, alto, hocr)).as("files in " + volume).containsOnly((int) pages);
    assertThat(pages).isPositive();
  }

  /**
   * Each word of the PDF's first page, as pdftotext places it, lies over the same word's box in the
   * page JSON (points × 300/72 = pixels).
   */
  private static void wordsLieOverTheirBoxes(Path pdf, Path pageJson) throws Exception {
    List<OutputChecks.PdfWord> placed =
        OutputChecks.pdfWords(pdf).stream().filter(w -> w.page() == 1).toList();
    List<JsonNode> words = new java.util.ArrayList<>();
    JSON.readTree(pageJson.toFile())
        .path("lines")
        .forEach(line -> line.path("words").forEach(words::add));
    assertThat(placed).hasSameSizeAs(words);
    double scale = 300 / 72.0;
    for (int i = 0; i < words.size(); i++) {
      JsonNode box = words.get(i).path("bbox");
      OutputChecks.PdfWord w = placed.get(i);
      assertThat(w.text()).isEqualTo(words.get(i).path("text").asText());
      double cx = (w.xMin() + w.xMax()) / 2 * scale, cy = (w.yMin() + w.yMax()) / 2 * scale;
      assertThat(cx).as(w.text()).isBetween(box.get(0).asDouble(), box.get(2).asDouble());
      assertThat(cy).as(w.text()).isBetween(box.get(1).asDouble(), box.get(3).asDouble());
      assertThat((w.xMax() - w.xMin()) * scale)
          .as("width of " + w.text())
          .isCloseTo(
              box.get(2).asDouble() - box.get(0).asDouble(),
              org.assertj.core.data.Offset.offset(3.0));
    }
  }

  /**
   * Renders the PDF's first page with pdftoppm at the scan's dpi: the same size as the scan and
   * nearly the same pixels (the image is kept as it was; the text layer is invisible). The
   * rendering is kept in cli/target/output-formats/ to look at.
   */
  private void looksLikeTheScan(Path pdf, Path scan, int dpi, String name) throws Exception {
    Path rendered = OutputChecks.pdftoppm(pdf, 1, dpi, dir.resolve(name));
    Path kept = Files.createDirectories(Path.of("target/output-formats")).resolve(name + ".png");
    Files.copy(rendered, kept, StandardCopyOption.REPLACE_EXISTING);
    BufferedImage a = ImageIO.read(scan.toFile());
    BufferedImage b = ImageIO.read(rendered.toFile());
    assertThat(Math.abs(a.getWidth() - b.getWidth())).isLessThanOrEqualTo(1);
    assertThat(Math.abs(a.getHeight() - b.getHeight())).isLessThanOrEqualTo(1);
    long difference = 0;
    int w = Math.min(a.getWidth(), b.getWidth()), h = Math.min(a.getHeight(), b.getHeight());
    for (int y = 0; y < h; y++)
      for (int x = 0; x < w; x++)
        difference += Math.abs((a.getRGB(x, y) & 0xFF) - (b.getRGB(x, y) & 0xFF));
    assertThat((double) difference / (w * h))
        .as("mean gray difference between the scan and the PDF's rendering")
        .isLessThan(4.0);
  }
}
