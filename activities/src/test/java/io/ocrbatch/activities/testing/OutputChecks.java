package io.ocrbatch.activities.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;

/**
 * Checks of the output formats by the official schemas and real tools: PAGE XML and ALTO against
 * the schemas in {@code shared/schemas} (ALTO's xlink import resolved to the local copy), hOCR
 * through jsoup, PDFs through Debian's poppler-utils ({@code pdftotext}, {@code pdftoppm}).
 */
public final class OutputChecks {
  private OutputChecks() {}

  /** The official schemas' folder: {@code shared/schemas} in or beside the repository. */
  public static Path schemas() {
    return SharedData.folder("schemas", "alto-4-4.xsd");
  }

  public static void validPageXml(Path file) throws Exception {
    validate(file, "pagecontent-2019-07-15.xsd");
  }

  public static void validAlto(Path file) throws Exception {
    validate(file, "alto-4-4.xsd");
  }

  private static void validate(Path file, String xsd) throws Exception {
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    Path dir = schemas();
    factory.setResourceResolver(localXlink(dir, factory.getResourceResolver()));
    Schema schema = factory.newSchema(dir.resolve(xsd).toFile());
    try {
      schema.newValidator().validate(new StreamSource(file.toFile()));
    } catch (org.xml.sax.SAXException e) {
      throw new AssertionError(file + " is not valid by " + xsd + ": " + e.getMessage(), e);
    }
  }

  /** ALTO imports xlink.xsd from loc.gov; the tests read the local stand-in instead. */
  private static LSResourceResolver localXlink(Path dir, LSResourceResolver fallback) {
    return (type, namespace, publicId, systemId, baseUri) -> {
      if ("http://www.w3.org/1999/xlink".equals(namespace)
          || (systemId != null && systemId.endsWith("xlink.xsd"))) {
        try {
          org.w3c.dom.ls.DOMImplementationLS ls =
              (org.w3c.dom.ls.DOMImplementationLS)
                  org.w3c.dom.bootstrap.DOMImplementationRegistry.newInstance()
                      .getDOMImplementation("LS");
          LSInput input = ls.createLSInput();
          input.setSystemId(dir.resolve("xlink.xsd").toUri().toString());
          input.setByteStream(Files.newInputStream(dir.resolve("xlink.xsd")));
          return input;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
      return fallback == null
          ? null
          : fallback.resolveResource(type, namespace, publicId, systemId, baseUri);
    };
  }

  /**
   * Parses the hOCR with jsoup and checks its structure: a page, areas, lines, words, each word's
   * bbox inside its line's. Returns the words' text in order.
   */
  public static List<String> hocrWords(Path file) throws IOException {
    Document html = Jsoup.parse(file.toFile(), "UTF-8");
    assertThat(html.select(".ocr_page")).as("ocr_page in " + file).hasSize(1);
    List<String> words = new ArrayList<>();
    for (Element line : html.select(".ocr_line")) {
      assertThat(line.parent().hasClass("ocr_carea")).as("a line inside an ocr_carea").isTrue();
      int[] lineBox = bbox(line);
      for (Element word : line.select(".ocrx_word")) {
        int[] box = bbox(word);
        assertThat(
                box[0] >= lineBox[0]
                    && box[1] >= lineBox[1]
                    && box[2] <= lineBox[2]
                    && box[3] <= lineBox[3])
            .as(
                "word %s %s inside its line %s in %s",
                word.text(),
                java.util.Arrays.toString(box),
                java.util.Arrays.toString(lineBox),
                file)
            .isTrue();
        assertThat(word.attr("title")).contains("x_wconf");
        words.add(word.text());
      }
    }
    return words;
  }

  private static int[] bbox(Element element) {
    for (String part : element.attr("title").split(";")) {
      String[] f = part.trim().split("\\s+");
      if (f[0].equals("bbox") && f.length == 5) {
        return new int[] {
          Integer.parseInt(f[1]),
          Integer.parseInt(f[2]),
          Integer.parseInt(f[3]),
          Integer.parseInt(f[4])
        };
      }
    }
    throw new AssertionError("no bbox in " + element.attr("title"));
  }

  /** The PDF's text as poppler's pdftotext reads it. */
  public static String pdftotext(Path pdf) throws Exception {
    return run("pdftotext", "-enc", "UTF-8", pdf.toString(), "-");
  }

  /** A word of a PDF's text as pdftotext places it, in points from the page's top-left. */
  public record PdfWord(
      int page, String text, double xMin, double yMin, double xMax, double yMax) {}

  /** Every word of the PDF's text with its box ({@code pdftotext -bbox}). */
  public static List<PdfWord> pdfWords(Path pdf) throws Exception {
    Document html = Jsoup.parse(run("pdftotext", "-bbox", "-enc", "UTF-8", pdf.toString(), "-"));
    List<PdfWord> words = new ArrayList<>();
    int page = 0;
    for (Element pageElement : html.select("page")) {
      page++;
      for (Element w : pageElement.select("word")) {
        words.add(
            new PdfWord(
                page,
                w.text(),
                Double.parseDouble(w.attr("xMin")),
                Double.parseDouble(w.attr("yMin")),
                Double.parseDouble(w.attr("xMax")),
                Double.parseDouble(w.attr("yMax"))));
      }
    }
    return words;
  }

  /** pdfimages' list of the PDF's images (page, size, colour, encoding: jpeg, ccitt, image…). */
  public static String pdfimages(Path pdf) throws Exception {
    return run("pdfimages", "-list", pdf.toString());
  }

  /** pdfinfo's report (title, producer, pages, page size). */
  public static String pdfinfo(Path pdf) throws Exception {
    return run("pdfinfo", pdf.toString());
  }

  /** Renders the PDF's page (from 1) with pdftoppm at {@code dpi} into a PNG and returns it. */
  public static Path pdftoppm(Path pdf, int page, int dpi, Path prefix) throws Exception {
    run(
        "pdftoppm",
        "-png",
        "-r",
        String.valueOf(dpi),
        "-f",
        String.valueOf(page),
        "-l",
        String.valueOf(page),
        "-singlefile",
        pdf.toString(),
        prefix.toString());
    return Path.of(prefix + ".png");
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = process.getInputStream()) {
      in.transferTo(out);
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(String.join(" ", command) + ": " + text).isZero();
    return text;
  }
}
