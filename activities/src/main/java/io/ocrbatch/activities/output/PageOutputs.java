package io.ocrbatch.activities.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocrbatch.activities.files.Json;
import io.ocrbatch.activities.image.PageRef;
import io.ocrbatch.activities.ocr.Box;
import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.storage.ResultFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A page's result files: {@code <stem>.txt} (when the job type lists {@code txt}) and
 * {@code <stem>.json} (always: it holds everything and marks the page finished), each written
 * whole, the JSON last, so a page whose JSON exists is never OCRed again.
 */
public final class PageOutputs {
  private final ResultFolder folder;
  private final String txt;
  private final String json;
  private final String imageName;

  public PageOutputs(ResultFolder folder, String imageName) {
    String stem = PageRef.parse(imageName).stem();
    this.folder = folder;
    this.imageName = imageName;
    this.txt = stem + ".txt";
    this.json = stem + ".json";
  }

  /**
   * Whether the page is finished, given the folder's files: its JSON exists and, when the job
   * re-runs older results ({@code --force}), was written at or after {@code redoBefore}.
   */
  public boolean done(Map<String, Instant> files, Instant redoBefore) {
    Instant written = files.get(json);
    return written != null && (redoBefore == null || !written.isBefore(redoBefore));
  }

  public String jsonName() {
    return json;
  }

  /** What a finished page's JSON says about it: enough for its status row. */
  public record Written(int lines, Float confidence, long durationMs, String imageEtag) {}

  /** The finished page as its JSON describes it; empty when the JSON is not there. */
  public Optional<Written> read() throws IOException {
    Optional<byte[]> bytes = folder.read(json);
    if (bytes.isEmpty()) return Optional.empty();
    JsonNode doc;
    try {
      doc = Json.MAPPER.readTree(bytes.get());
    } catch (IOException e) {
      throw new IOException("page result " + folder.location() + "/" + json + " is not valid JSON: " + e.getMessage(), e);
    }
    JsonNode confidence = doc.path("confidence");
    return Optional.of(new Written(
        doc.path("lines").size(),
        confidence.isNumber() ? confidence.floatValue() : null,
        doc.path("duration_ms").asLong(0),
        doc.hasNonNull("image_etag") ? doc.get("image_etag").asText() : null));
  }

  public void write(PageText page, Map<String, Object> provenance, List<String> formats) throws IOException {
    if (formats.contains("txt")) {
      folder.write(txt, (page.text() + "\n").getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }
    folder.write(json, Json.bytes(document(page, provenance)), "application/json");
  }

  private Map<String, Object> document(PageText page, Map<String, Object> provenance) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("image", imageName);
    doc.put("width", page.width());
    doc.put("height", page.height());
    doc.putAll(provenance);
    doc.put("confidence", page.meanConfidence());
    doc.put("text", page.text());
    doc.put(
        "lines",
        page.lines().stream()
            .map(
                l ->
                    Map.of(
                        "text", l.text(),
                        "bbox", bbox(l.box()),
                        "confidence", l.confidence(),
                        "words",
                            l.words().stream()
                                .map(w -> Map.of("text", w.text(), "bbox", bbox(w.box()), "confidence", w.confidence()))
                                .toList()))
            .toList());
    return doc;
  }

  private static List<Integer> bbox(Box b) {
    return List.of(b.x1(), b.y1(), b.x2(), b.y2());
  }
}
