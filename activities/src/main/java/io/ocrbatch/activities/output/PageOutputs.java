package io.ocrbatch.activities.output;

import io.ocrbatch.activities.image.PageRef;
import io.ocrbatch.activities.ocr.Box;
import io.ocrbatch.activities.ocr.PageText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A page's result files: {@code <stem>.txt} (when the job type lists {@code txt}) and
 * {@code <stem>.json} (always: it holds everything and marks the page finished), each written
 * atomically, the JSON last, so a page whose JSON exists is never OCRed again.
 */
public final class PageOutputs {
  private final Path txt;
  private final Path json;
  private final String imageName;

  public PageOutputs(Path volumeOutputDir, String imageName) {
    String stem = PageRef.parse(imageName).stem();
    this.imageName = imageName;
    this.txt = volumeOutputDir.resolve(stem + ".txt");
    this.json = volumeOutputDir.resolve(stem + ".json");
  }

  public boolean exists() {
    return Files.isRegularFile(json);
  }

  public Path json() {
    return json;
  }

  public void write(PageText page, Map<String, Object> provenance, List<String> formats) throws IOException {
    if (formats.contains("txt")) {
      AtomicFiles.write(txt, (page.text() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    AtomicFiles.write(json, Json.bytes(document(page, provenance)));
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
