package io.ocrbatch.activities.output.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocrbatch.activities.ocr.Box;
import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.ocr.Polygon;
import io.ocrbatch.activities.output.pdf.SearchablePdf;
import io.ocrbatch.activities.page.PageJson;
import io.ocrbatch.activities.page.Provenance;
import io.ocrbatch.activities.testing.OutputChecks;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each page format written from one page model (English and Tibetan words, a rotated line as a
 * neural engine finds it, a baseline, XML's special characters), checked by the official schemas
 * and real readers.
 */
class PageFormatsTest {
  @TempDir Path dir;

  static final String TIBETAN = "བཀྲ་ཤིས་བདེ་ལེགས།";

  static PageResult sample() {
    PageText.Line english =
        new PageText.Line(
            "Fish & <chips>",
            new Box(100, 100, 700, 160),
            91.5f,
            new Box(100, 150, 700, 152),
            List.of(
                new PageText.Word(
                    "Fish", new Box(100, 96, 300, 160), 95f), // past its line, as Tesseract may
                new PageText.Word("&", new Box(320, 100, 360, 160), 80f),
                new PageText.Word("<chips>", new Box(380, 100, 700, 160), 88f)));
    Polygon rotated =
        new Polygon(
            List.of(
                new Polygon.Point(100, 220),
                new Polygon.Point(800, 260),
                new Polygon.Point(797, 320),
                new Polygon.Point(97, 280)));
    PageText.Line tibetan =
        new PageText.Line(
            TIBETAN,
            new Box(97, 220, 800, 320),
            77f,
            null,
            List.of(new PageText.Word(TIBETAN, new Box(97, 220, 800, 320), 77f, rotated)),
            rotated);
    PageText page =
        new PageText(
            1000,
            400,
            List.of(
                new PageText.Region(new Box(100, 100, 700, 160), List.of(english)),
                new PageText.Region(new Box(97, 220, 800, 320), List.of(tibetan))));
    Provenance provenance =
        new Provenance(
            "p1.png",
            null,
            "t",
            "tesseract",
            "tesseract 5.5.2 (bod)",
            "bod",
            null,
            "bod",
            "unicode",
            300,
            "0.1.0");
    return new PageResult(page, provenance, 10, null);
  }

  private Path write(PageWriter writer) throws Exception {
    Path file = dir.resolve("p1." + writer.extension());
    Files.write(file, writer.render(sample()));
    return file;
  }

  @Test
  void pageXmlIsValidByTheOfficialSchemaAndKeepsPolygonsAndTibetan() throws Exception {
    Path file = write(new PageXmlWriter());
    OutputChecks.validPageXml(file);
    String xml = Files.readString(file);
    assertThat(xml)
        .contains("<Unicode>" + TIBETAN + "</Unicode>")
        .contains("points=\"100,220 800,260 797,320 97,280\"")
        .contains("<Baseline points=\"100,150 700,152\"/>")
        .contains("<Unicode>Fish &amp; &lt;chips&gt;</Unicode>")
        .contains("conf=\"0.9500\"")
        .contains("<RegionRefIndexed index=\"1\" regionRef=\"r2\"/>")
        .contains("<Creator>ocrbatch 0.1.0; tesseract 5.5.2 (bod); model bod</Creator>");
  }

  @Test
  void altoIsValidByTheOfficialSchema() throws Exception {
    Path file = write(new AltoWriter());
    OutputChecks.validAlto(file);
    assertThat(Files.readString(file))
        .contains("<MeasurementUnit>pixel</MeasurementUnit>")
        .contains("CONTENT=\"" + TIBETAN + "\"")
        .contains("<SP HPOS=\"300\" VPOS=\"96\" WIDTH=\"20\"/>")
        .contains("WC=\"0.9500\"")
        .contains("POINTS=\"100,220 800,260 797,320 97,280\"")
        .contains("<softwareName>ocrbatch</softwareName>");
  }

  @Test
  void hocrIsReadByAnHtmlParserWithEveryWordInsideItsLine() throws Exception {
    Path file = write(new HocrWriter());
    assertThat(OutputChecks.hocrWords(file)).containsExactly("Fish", "&", "<chips>", TIBETAN);
    assertThat(Files.readString(file)).contains("baseline 0.003 -10; x_wconf 92");
  }

  @Test
  void anEmptyPageIsValidInEveryFormat() throws Exception {
    PageResult empty =
        new PageResult(new PageText(10, 10, List.of()), sample().provenance(), 1, null);
    Files.write(dir.resolve("e.xml"), new PageXmlWriter().render(empty));
    Files.write(dir.resolve("e.alto.xml"), new AltoWriter().render(empty));
    Files.write(dir.resolve("e.hocr"), new HocrWriter().render(empty));
    OutputChecks.validPageXml(dir.resolve("e.xml"));
    OutputChecks.validAlto(dir.resolve("e.alto.xml"));
    assertThat(OutputChecks.hocrWords(dir.resolve("e.hocr"))).isEmpty();
  }

  @Test
  void polygonsSurviveThePageJson() throws Exception {
    PageResult page = sample();
    PageText read = PageJson.read(PageJson.write(page.page(), page.provenance(), 1)).page();
    assertThat(read.lines().get(1).polygon()).isEqualTo(page.page().lines().get(1).polygon());
    assertThat(read.lines().get(1).words().get(0).polygon())
        .isEqualTo(page.page().lines().get(1).words().get(0).polygon());
    assertThat(read.lines().get(0).polygon()).isNull();
  }

  @Test
  void theSearchablePdfCarriesEnglishAndTibetanTextPopplerCanRead() throws Exception {
    BufferedImage scan = new BufferedImage(1000, 400, BufferedImage.TYPE_BYTE_GRAY);
    Path png = dir.resolve("p1.png");
    ImageIO.write(scan, "png", png.toFile());
    Path pdf = dir.resolve("vol.pdf");
    try (SearchablePdf doc = new SearchablePdf("vol", "ocrbatch test", "tesseract")) {
      doc.addPage(png, 0, 200, sample().page());
      doc.save(pdf);
    }
    String text = OutputChecks.pdftotext(pdf);
    assertThat(text).contains("Fish & <chips>");
    // The Tibetan word lies along its rotated outline; pdftotext may break a skewed run in two
    // lines, but every character comes back, in order.
    assertThat(text.replaceAll("\\s", "")).contains(TIBETAN);
    assertThat(OutputChecks.pdfinfo(pdf))
        .contains("Title:           vol")
        .contains("Producer:        ocrbatch test")
        .contains("360 x 144 pts"); // 1000 x 400 pixels at 200 dpi
  }

  @Test
  void thePdfKeepsJpegAndGroup4ScansAsTheyAre() throws Exception {
    BufferedImage scan = new BufferedImage(800, 300, BufferedImage.TYPE_BYTE_BINARY);
    Path g4 = dir.resolve("g4.tif");
    javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
    javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionType("CCITT T.6");
    try (var out = ImageIO.createImageOutputStream(g4.toFile())) {
      writer.setOutput(out);
      writer.write(null, new javax.imageio.IIOImage(scan, null, null), param);
    } finally {
      writer.dispose();
    }
    Path jpeg = dir.resolve("photo.jpg");
    ImageIO.write(new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB), "jpeg", jpeg.toFile());
    Path pdf = dir.resolve("kept.pdf");
    try (SearchablePdf doc = new SearchablePdf("kept", "test", "test")) {
      doc.addPage(g4, 0, 400, new PageText(800, 300, List.of()));
      doc.addPage(jpeg, 0, 300, new PageText(640, 480, List.of()));
      doc.save(pdf);
    }
    String images = OutputChecks.pdfimages(pdf);
    assertThat(images)
        .containsPattern("\\n +1 +0 image +800 +300 +gray +1 +1 +ccitt")
        .containsPattern("\\n +2 +1 image +640 +480 +rgb +3 +8 +jpeg");
    assertThat(Files.readAllBytes(pdf).length)
        .as("the JPEG's bytes, not a re-encoding")
        .isLessThan((int) (Files.size(jpeg) + Files.size(g4) + 40_000));
  }

  @Test
  void wylieSurvivesEveryFormatIntact() throws Exception {
    String wylie = "bkra shis bde legs/ 'od \"gsal\" <rgyan> & dpal+";
    List<PageText.Word> words = new java.util.ArrayList<>();
    int x = 50;
    for (String w : wylie.split(" ")) {
      words.add(new PageText.Word(w, new Box(x, 50, x + 20 * w.length(), 90), 90f));
      x += 20 * w.length() + 15;
    }
    PageText page =
        PageText.oneRegion(
            1400, 200, List.of(new PageText.Line(wylie, new Box(50, 50, x, 90), 90f, words)));
    PageResult result = new PageResult(page, sample().provenance(), 1, null);
    Path xml = dir.resolve("w.xml");
    Path alto = dir.resolve("w.alto.xml");
    Path hocr = dir.resolve("w.hocr");
    Files.write(xml, new PageXmlWriter().render(result));
    Files.write(alto, new AltoWriter().render(result));
    Files.write(hocr, new HocrWriter().render(result));
    OutputChecks.validPageXml(xml);
    OutputChecks.validAlto(alto);
    assertThat(String.join(" ", OutputChecks.hocrWords(hocr))).isEqualTo(wylie);
    assertThat(Unicode.of(xml)).contains(wylie);
    assertThat(Unicode.contents(alto)).isEqualTo(List.of(wylie.split(" ")));
    Path png = dir.resolve("w.png");
    ImageIO.write(new BufferedImage(1400, 200, BufferedImage.TYPE_BYTE_GRAY), "png", png.toFile());
    Path pdf = dir.resolve("w.pdf");
    try (SearchablePdf doc = new SearchablePdf("w", "test", "test")) {
      doc.addPage(png, 0, 300, page);
      doc.save(pdf);
    }
    assertThat(OutputChecks.pdftotext(pdf).strip()).isEqualTo(wylie);
  }

  /** What an XML reader (not a string search) finds in PAGE's Unicode and ALTO's CONTENT. */
  private static final class Unicode {
    static List<String> of(Path pageXml) throws Exception {
      return texts(pageXml, "Unicode", null);
    }

    static List<String> contents(Path alto) throws Exception {
      return texts(alto, "String", "CONTENT");
    }

    private static List<String> texts(Path file, String element, String attribute)
        throws Exception {
      var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      var nodes =
          factory.newDocumentBuilder().parse(file.toFile()).getElementsByTagNameNS("*", element);
      List<String> texts = new java.util.ArrayList<>();
      for (int i = 0; i < nodes.getLength(); i++) {
        var e = (org.w3c.dom.Element) nodes.item(i);
        texts.add(attribute == null ? e.getTextContent() : e.getAttribute(attribute));
      }
      return texts;
    }
  }

  @Test
  void unknownFormatsAreRefusedListingTheKnownOnes() {
    assertThat(PageWriters.formats())
        .containsExactly("txt", "json", "page", "alto", "hocr", "pdf", "md");
    assertThatThrownBy(() -> PageWriters.validate(List.of("txt", "docx")))
        .hasMessage(
            "unknown output format 'docx'; known formats: txt, json, page, alto, hocr, pdf, md");
    assertThat(PageWriters.forFormats(List.of("pdf", "page", "alto")))
        .extracting(PageWriter::extension)
        .containsExactly("xml", "alto.xml", "json");
    assertThat(new String(new TextWriter().render(sample()), StandardCharsets.UTF_8))
        .contains(TIBETAN);
  }
}
