package io.ocrbatch.activities.page;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocrbatch.activities.files.Json;
import io.ocrbatch.activities.ocr.Box;
import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.ocr.Polygon;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The page JSON, written and read here only: {@code image}, {@code width}, {@code height}, the
 * {@link Provenance}, {@code duration_ms}, {@code confidence}, {@code text}, {@code lines} (each
 * with {@code bbox} [x1,y1,x2,y2], {@code confidence}, {@code baseline} where known, {@code words},
 * {@code polygon} [[x,y],…] where the engine found a rotated outline), then {@code regions} in
 * reading order, each a {@code bbox} and the indexes of its {@code lines}. A file written before
 * regions existed reads as one region holding every line.
 */
public final class PageJson {
  private PageJson() {}

  /** A page JSON's content: the page model, its provenance, and what it says about the run. */
  public record Document(
      PageText page, Provenance provenance, long durationMs, Float confidence, String text) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  record WordJson(String text, List<Integer> bbox, float confidence, List<List<Integer>> polygon) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  record LineJson(
      String text,
      List<Integer> bbox,
      float confidence,
      List<Integer> baseline,
      List<WordJson> words,
      List<List<Integer>> polygon) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record RegionJson(List<Integer> bbox, List<Integer> lines) {}

  public static byte[] write(PageText page, Provenance provenance, long durationMs) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("image", provenance.image());
    doc.put("width", page.width());
    doc.put("height", page.height());
    ObjectNode rest = provenance.toJson();
    rest.remove("image");
    doc.setAll(rest);
    doc.put("duration_ms", durationMs);
    doc.set("confidence", Json.MAPPER.valueToTree(page.meanConfidence()));
    doc.put("text", page.text());
    List<LineJson> lines = new ArrayList<>();
    List<RegionJson> regions = new ArrayList<>();
    for (PageText.Region region : page.regions()) {
      List<Integer> indexes = new ArrayList<>();
      for (PageText.Line line : region.lines()) {
        indexes.add(lines.size());
        lines.add(
            new LineJson(
                line.text(),
                bbox(line.box()),
                line.confidence(),
                bbox(line.baseline()),
                line.words().stream()
                    .map(
                        w ->
                            new WordJson(
                                w.text(), bbox(w.box()), w.confidence(), points(w.polygon())))
                    .toList(),
                points(line.polygon())));
      }
      regions.add(new RegionJson(bbox(region.box()), indexes));
    }
    doc.set("lines", Json.MAPPER.valueToTree(lines));
    doc.set("regions", Json.MAPPER.valueToTree(regions));
    return Json.bytes(doc);
  }

  /** The page JSON's content; IOException when it is not a page JSON. */
  public static Document read(byte[] bytes) throws IOException {
    JsonNode doc = Json.MAPPER.readTree(bytes);
    if (doc == null || !doc.isObject()) throw new IOException("not a JSON object");
    LineJson[] lineJson =
        Json.MAPPER.treeToValue(
            doc.path("lines").isArray() ? doc.get("lines") : Json.MAPPER.createArrayNode(),
            LineJson[].class);
    List<PageText.Line> lines = new ArrayList<>();
    for (LineJson l : lineJson) {
      lines.add(
          new PageText.Line(
              l.text(),
              box(l.bbox()),
              l.confidence(),
              box(l.baseline()),
              l.words() == null
                  ? List.of()
                  : l.words().stream()
                      .map(
                          w ->
                              new PageText.Word(
                                  w.text(), box(w.bbox()), w.confidence(), polygon(w.polygon())))
                      .toList(),
              polygon(l.polygon())));
    }
    int width = doc.path("width").asInt();
    int height = doc.path("height").asInt();
    PageText page;
    if (doc.path("regions").isArray()) {
      List<PageText.Region> regions = new ArrayList<>();
      for (RegionJson r : Json.MAPPER.treeToValue(doc.get("regions"), RegionJson[].class)) {
        regions.add(
            new PageText.Region(box(r.bbox()), r.lines().stream().map(lines::get).toList()));
      }
      page = new PageText(width, height, regions);
    } else {
      page = PageText.oneRegion(width, height, lines); // written before regions existed
    }
    JsonNode confidence = doc.path("confidence");
    return new Document(
        page,
        Json.MAPPER.treeToValue(doc, Provenance.class),
        doc.path("duration_ms").asLong(0),
        confidence.isNumber() ? confidence.floatValue() : null,
        doc.path("text").isTextual() ? doc.get("text").asText() : page.text());
  }

  private static List<Integer> bbox(Box b) {
    return b == null ? null : List.of(b.x1(), b.y1(), b.x2(), b.y2());
  }

  private static List<List<Integer>> points(Polygon p) {
    return p == null ? null : p.points().stream().map(v -> List.of(v.x(), v.y())).toList();
  }

  private static Polygon polygon(List<List<Integer>> points) {
    if (points == null || points.size() < 3 || points.stream().anyMatch(v -> v.size() != 2))
      return null;
    return new Polygon(points.stream().map(v -> new Polygon.Point(v.get(0), v.get(1))).toList());
  }

  private static Box box(List<Integer> b) {
    return b == null || b.size() != 4 ? null : new Box(b.get(0), b.get(1), b.get(2), b.get(3));
  }
}
