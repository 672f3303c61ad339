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
 * {@code page}: PAGE XML 2019-07-15 ({@code <stem>.xml}), what Transkribus, eScriptorium and OCR-D
 * read: regions in reading order, lines with their baseline where known, words, each with its
 * outline (the rotated polygon a neural engine found, else the box) and its text with confidence
 * 0–1.
 */
final class PageXmlWriter implements PageWriter {
  static final String NAMESPACE = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15";

  @Override
  public String format() {
    return "page";
  }

  @Override
  public String extension() {
    return "xml";
  }

  @Override
  public String contentType() {
    return "application/xml";
  }

  @Override
  public byte[] render(PageResult result) {
    PageText page = result.page();
    Provenance p = result.provenance();
    XmlElement root =
        new XmlElement("PcGts")
            .attr("xmlns", NAMESPACE)
            .attr("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
            .attr("xsi:schemaLocation", NAMESPACE + " " + NAMESPACE + "/pagecontent.xsd");
    metadata(root.add("Metadata"), p);
    XmlElement pageElement =
        root.add("Page")
            .attr("imageFilename", p.image() == null ? "" : p.image())
            .attr("imageWidth", page.width())
            .attr("imageHeight", page.height());
    List<PageText.Region> regions = page.regions();
    if (!regions.isEmpty()) {
      XmlElement order = pageElement.add("ReadingOrder").add("OrderedGroup").attr("id", "ro");
      for (int r = 0; r < regions.size(); r++)
        order.add("RegionRefIndexed").attr("index", r).attr("regionRef", "r" + (r + 1));
    }
    for (int r = 0; r < regions.size(); r++) {
      PageText.Region region = regions.get(r);
      String regionId = "r" + (r + 1);
      XmlElement regionElement = pageElement.add("TextRegion").attr("id", regionId);
      coords(regionElement, Polygon.of(Formats.regionBox(region)), page);
      for (int l = 0; l < region.lines().size(); l++) {
        PageText.Line line = region.lines().get(l);
        String lineId = regionId + "l" + (l + 1);
        XmlElement lineElement = regionElement.add("TextLine").attr("id", lineId);
        coords(
            lineElement,
            line.polygon() != null ? line.polygon() : Polygon.of(Formats.lineBox(line)),
            page);
        if (line.baseline() != null) {
          Box b = line.baseline();
          lineElement
              .add("Baseline")
              .attr("points", points(List.of(point(b.x1(), b.y1()), point(b.x2(), b.y2())), page));
        }
        for (int w = 0; w < line.words().size(); w++) {
          PageText.Word word = line.words().get(w);
          XmlElement wordElement = lineElement.add("Word").attr("id", lineId + "w" + (w + 1));
          coords(wordElement, word.outline(), page);
          textEquiv(wordElement, word.text(), word.confidence());
        }
        textEquiv(lineElement, line.text(), line.confidence());
      }
      regionElement
          .add("TextEquiv")
          .add("Unicode")
          .text(region.lines().stream().map(PageText.Line::text).collect(Collectors.joining("\n")));
    }
    return root.document(null);
  }

  private static void metadata(XmlElement metadata, Provenance p) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    metadata.add("Creator").text(Formats.creator(p));
    metadata.add("Created").text(now);
    metadata.add("LastChange").text(now);
    metadata.add("Comments").text(Formats.settings(p));
    metadata
        .add("MetadataItem")
        .attr("type", "processingStep")
        .attr("name", "ocr")
        .attr("value", p.engineVersion() == null ? p.engine() : p.engineVersion());
  }

  private static void coords(XmlElement parent, Polygon outline, PageText page) {
    parent.add("Coords").attr("points", points(outline.points(), page));
  }

  private static void textEquiv(XmlElement parent, String text, float confidence) {
    parent
        .add("TextEquiv")
        .attr("conf", String.format(Locale.ROOT, "%.4f", Formats.unit(confidence)))
        .add("Unicode")
        .text(text == null ? "" : text);
  }

  private static Polygon.Point point(int x, int y) {
    return new Polygon.Point(x, y);
  }

  /** "x,y x,y …" inside the page (PAGE's points are non-negative), at least two points. */
  private static String points(List<Polygon.Point> points, PageText page) {
    List<Polygon.Point> inside = new Polygon(points).clipped(page.width(), page.height()).points();
    String joined = inside.stream().map(v -> v.x() + "," + v.y()).collect(Collectors.joining(" "));
    return inside.size() == 1 ? joined + " " + joined : joined;
  }
}
