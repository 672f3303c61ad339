package io.ocrbatch.activities.output.format;

import io.ocrbatch.activities.ocr.Box;
import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.page.Provenance;
import java.util.List;
import java.util.Locale;

/**
 * {@code hocr}: hOCR 1.2 in XHTML ({@code <stem>.hocr}): ocr_page → ocr_carea (a region) → ocr_line
 * → ocrx_word, each with its bbox; lines and words with x_wconf (0–100), lines with their baseline
 * where known.
 */
final class HocrWriter implements PageWriter {
  private static final String DOCTYPE =
      "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\""
          + " \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">";

  @Override
  public String format() {
    return "hocr";
  }

  @Override
  public String extension() {
    return "hocr";
  }

  @Override
  public String contentType() {
    return "text/html; charset=utf-8";
  }

  @Override
  public byte[] render(PageResult result) {
    PageText page = result.page();
    Provenance p = result.provenance();
    XmlElement html = new XmlElement("html").attr("xmlns", "http://www.w3.org/1999/xhtml");
    XmlElement head = html.add("head");
    head.add("title").text(p.image() == null ? "" : p.image());
    head.add("meta").attr("http-equiv", "Content-Type").attr("content", "text/html;charset=utf-8");
    head.add("meta").attr("name", "ocr-system").attr("content", Formats.creator(p));
    head.add("meta")
        .attr("name", "ocr-capabilities")
        .attr("content", "ocr_page ocr_carea ocr_line ocrx_word ocrp_wconf");
    String scanRes = p.dpi() == null ? "" : "; scan_res " + p.dpi() + " " + p.dpi();
    XmlElement pageDiv =
        html.add("body")
            .add("div")
            .attr("class", "ocr_page")
            .attr("id", "page_1")
            .attr(
                "title",
                "image \""
                    + (p.image() == null ? "" : p.image().replace("\"", "'"))
                    + "\"; "
                    + bbox(new Box(0, 0, page.width(), page.height()))
                    + "; ppageno 0"
                    + scanRes);
    List<PageText.Region> regions = page.regions();
    if (regions.isEmpty()) pageDiv.text(""); // <div></div>: HTML parsers do not close <div/>
    for (int r = 0; r < regions.size(); r++) {
      PageText.Region region = regions.get(r);
      XmlElement area =
          pageDiv
              .add("div")
              .attr("class", "ocr_carea")
              .attr("id", "block_" + (r + 1))
              .attr("title", bbox(Formats.regionBox(region)));
      if (region.lines().isEmpty()) area.text("");
      for (int l = 0; l < region.lines().size(); l++) {
        PageText.Line line = region.lines().get(l);
        String lineId = (r + 1) + "_" + (l + 1);
        XmlElement span =
            area.add("span")
                .attr("class", "ocr_line")
                .attr("id", "line_" + lineId)
                .attr(
                    "title",
                    bbox(Formats.lineBox(line)) + baseline(line) + wconf(line.confidence()));
        List<PageText.Word> words =
            line.words().isEmpty()
                ? List.of(new PageText.Word(line.text(), line.box(), line.confidence()))
                : line.words();
        for (int w = 0; w < words.size(); w++) {
          PageText.Word word = words.get(w);
          span.add("span")
              .attr("class", "ocrx_word")
              .attr("id", "word_" + lineId + "_" + (w + 1))
              .attr("title", bbox(word.box()) + wconf(word.confidence()))
              .text(word.text() == null ? "" : word.text());
        }
      }
    }
    return html.document(DOCTYPE);
  }

  private static String bbox(Box b) {
    return "bbox " + b.x1() + " " + b.y1() + " " + b.x2() + " " + b.y2();
  }

  private static String wconf(float confidence) {
    return "; x_wconf " + Math.round(Math.max(0, Math.min(100, confidence)));
  }

  /** hOCR's baseline: slope, and offset from the bbox's bottom-left corner at the line's left. */
  private static String baseline(PageText.Line line) {
    Box b = line.baseline();
    if (b == null || b.x2() == b.x1()) return "";
    double slope = (double) (b.y2() - b.y1()) / (b.x2() - b.x1());
    Box box = Formats.lineBox(line);
    double yAtLeft = b.y1() + slope * (box.x1() - b.x1());
    return String.format(Locale.ROOT, "; baseline %.3f %d", slope, Math.round(yAtLeft - box.y2()));
  }
}
