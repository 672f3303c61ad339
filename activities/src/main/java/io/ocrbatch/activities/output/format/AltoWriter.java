package io.ocrbatch.activities.output.format;

import io.ocrbatch.activities.ocr.Box;
import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.ocr.Polygon;
import io.ocrbatch.activities.page.Provenance;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code alto}: ALTO 4.4 ({@code <stem>.alto.xml}), what library viewers and repositories read:
 * measurement unit pixel, the engine as a Processing step, TextBlock (a region) → TextLine → String
 * with HPOS/VPOS/WIDTH/HEIGHT and WC (confidence 0–1), SP between words, and a line's rotated
 * outline as its Shape where the engine found one.
 */
final class AltoWriter implements PageWriter {
  static final String NAMESPACE = "http://www.loc.gov/standards/alto/ns-v4#";

  @Override
  public String format() {
    return "alto";
  }

  @Override
  public String extension() {
    return "alto.xml";
  }

  @Override
  public String contentType() {
    return "application/xml";
  }

  @Override
  public byte[] render(PageResult result) {
    PageText page = result.page();
    Provenance p = result.provenance();
    XmlElement alto =
        new XmlElement("alto")
            .attr("xmlns", NAMESPACE)
            .attr("xmlns:xlink", "http://www.w3.org/1999/xlink")
            .attr("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
            .attr(
                "xsi:schemaLocation",
                NAMESPACE + " http://www.loc.gov/standards/alto/v4/alto-4-4.xsd");
    description(alto.add("Description"), p);
    XmlElement space =
        alto.add("Layout")
            .add("Page")
            .attr("ID", "page")
            .attr("PHYSICAL_IMG_NR", 1)
            .attr("WIDTH", page.width())
            .attr("HEIGHT", page.height())
            .attr("PROCESSINGREFS", "ocr")
            .add("PrintSpace");
    position(space, new Box(0, 0, page.width(), page.height()));
    List<PageText.Region> regions = page.regions();
    for (int r = 0; r < regions.size(); r++) {
      PageText.Region region = regions.get(r);
      String regionId = "r" + (r + 1);
      XmlElement block = space.add("TextBlock").attr("ID", regionId);
      position(block, Formats.regionBox(region));
      for (int l = 0; l < region.lines().size(); l++) {
        line(block, region.lines().get(l), regionId + "l" + (l + 1));
      }
    }
    return alto.document(null);
  }

  private static void description(XmlElement description, Provenance p) {
    description.add("MeasurementUnit").text("pixel");
    if (p.image() != null)
      description.add("sourceImageInformation").add("fileName").text(p.image());
    XmlElement processing = description.add("Processing").attr("ID", "ocr");
    processing.add("processingCategory").text("contentGeneration");
    processing
        .add("processingDateTime")
        .text(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    processing.add("processingStepSettings").text(Formats.settings(p));
    XmlElement software = processing.add("processingSoftware");
    software.add("softwareName").text("ocrbatch");
    if (p.ocrbatchVersion() != null) software.add("softwareVersion").text(p.ocrbatchVersion());
    software.add("applicationDescription").text(Formats.creator(p));
  }

  private static void line(XmlElement block, PageText.Line line, String id) {
    XmlElement lineElement = block.add("TextLine").attr("ID", id);
    position(lineElement, Formats.lineBox(line));
    if (line.baseline() != null) {
      Box b = line.baseline();
      lineElement.attr("BASELINE", b.x1() + "," + b.y1() + " " + b.x2() + "," + b.y2());
    }
    if (line.polygon() != null) {
      lineElement.add("Shape").add("Polygon").attr("POINTS", points(line.polygon()));
    }
    List<PageText.Word> words =
        line.words().isEmpty()
            ? List.of(new PageText.Word(line.text(), line.box(), line.confidence()))
            : line.words();
    for (int w = 0; w < words.size(); w++) {
      PageText.Word word = words.get(w);
      if (w > 0) {
        Box before = words.get(w - 1).box();
        lineElement
            .add("SP")
            .attr("HPOS", before.x2())
            .attr("VPOS", Formats.lineBox(line).y1())
            .attr("WIDTH", Math.max(0, word.box().x1() - before.x2()));
      }
      XmlElement string =
          lineElement
              .add("String")
              .attr("ID", id + "w" + (w + 1))
              .attr("CONTENT", word.text() == null ? "" : word.text());
      position(string, word.box());
      string.attr("WC", String.format(Locale.ROOT, "%.4f", Formats.unit(word.confidence())));
    }
  }

  private static void position(XmlElement element, Box box) {
    element
        .attr("HPOS", box.x1())
        .attr("VPOS", box.y1())
        .attr("WIDTH", box.x2() - box.x1())
        .attr("HEIGHT", box.y2() - box.y1());
  }

  private static String points(Polygon polygon) {
    return polygon.points().stream().map(v -> v.x() + "," + v.y()).collect(Collectors.joining(" "));
  }
}
