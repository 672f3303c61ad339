package io.ocrbatch.activities.output.pdf;

import io.ocrbatch.activities.image.BadImageException;
import io.ocrbatch.activities.image.PageRef;
import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.page.PageJson;
import io.ocrbatch.activities.storage.PageFile;
import io.ocrbatch.activities.storage.ResultFolder;
import io.ocrbatch.activities.storage.VolumeSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A volume's searchable PDF ({@code <volume>.pdf}), written when the volume ends: its pages in
 * order, each its scan with the text of its page JSON over it (a page without a result gets its
 * scan alone, so page numbers match the volume's). Built in a temporary file, then written to the
 * result folder in one piece.
 */
public final class VolumePdf {
  private static final Logger log = LoggerFactory.getLogger(VolumePdf.class);

  /** What the PDF's information dictionary says. */
  public record Info(String title, String producer, String creator) {}

  private VolumePdf() {}

  public static String fileName(String volumeFolderName) {
    return volumeFolderName + ".pdf";
  }

  /**
   * Writes {@code name} into {@code results}: every page of {@code pages} (the volume's listing)
   * from {@code source}, at its page JSON's dpi (else {@code defaultDpi}); {@code afterPage} runs
   * after each page (the activity's heartbeat: a 30,000-page PDF takes more than an hour).
   */
  public static void write(
      VolumeSource source,
      ResultFolder results,
      String name,
      List<String> pages,
      int defaultDpi,
      Info info,
      Runnable afterPage)
      throws IOException {
    Path temp = Files.createTempFile("ocrbatch-volume-", ".pdf");
    try {
      try (SearchablePdf pdf = new SearchablePdf(info.title(), info.producer(), info.creator())) {
        String openName = null;
        PageFile open = null;
        try {
          for (String page : pages) {
            PageRef ref = PageRef.parse(page);
            if (!ref.file().equals(openName)) {
              if (open != null) open.close();
              open = null;
              openName = ref.file();
              try {
                open = source.fetch(ref.file());
              } catch (BadImageException e) {
                log.info("PDF of {}: page {} left out: {}", name, page, e.getMessage());
                continue;
              }
            }
            if (open == null) continue;
            addPage(pdf, results, ref, open.path(), defaultDpi, name);
            afterPage.run();
          }
        } finally {
          if (open != null) open.close();
        }
        pdf.save(temp);
      }
      results.write(name, temp, "application/pdf");
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void addPage(
      SearchablePdf pdf, ResultFolder results, PageRef ref, Path image, int defaultDpi, String name)
      throws IOException {
    Optional<byte[]> json = results.read(ref.stem() + ".json");
    PageText text = new PageText(0, 0, List.of());
    int dpi = defaultDpi;
    if (json.isPresent()) {
      PageJson.Document doc = PageJson.read(json.get());
      text = doc.page();
      if (doc.provenance().dpi() != null && doc.provenance().dpi() > 0)
        dpi = doc.provenance().dpi();
    }
    try {
      pdf.addPage(image, ref.imageIndex(), dpi, text);
    } catch (IOException | RuntimeException e) {
      log.info("PDF of {}: page {} left out: {}", name, ref.name(), e.getMessage());
    }
  }
}
