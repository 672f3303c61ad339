package io.ocrbatch.api.web;

import io.ocrbatch.activities.fault.StorageUnavailableException;
import io.ocrbatch.activities.image.PageRef;
import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.output.format.PageResult;
import io.ocrbatch.activities.output.format.PageWriter;
import io.ocrbatch.activities.output.format.PageWriters;
import io.ocrbatch.activities.output.pdf.SearchablePdf;
import io.ocrbatch.activities.page.PageJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.stereotype.Component;

/**
 * An upload's result in the field's formats ({@code /ocr/result/{id}?format=page|alto|hocr|…} and
 * {@code /ocr/result/{id}/pdf}): the files its job type wrote, or, for formats it did not ask for,
 * the same files made now from the pages' JSON (and images, for the PDF).
 */
@Component
class UploadFormats {

  /** A file to send: its bytes, content type and download name. */
  record Served(byte[] content, String contentType, String fileName) {}

  /**
   * The pages in {@code format}: page {@code page} (from 0) alone, or the only page, or a zip of
   * every page's file.
   */
  Served pageFormat(UploadSnapshot s, String format, Integer page) {
    PageWriter writer = PageWriters.find(format).orElseThrow(() -> unknown(format));
    List<String> pages = UploadResults.pages(s);
    if (page != null && (page < 0 || page >= pages.size())) {
      throw new NotFoundException(
          "job '"
              + s.upload().jobKey()
              + "' has no page "
              + page
              + " (pages 0-"
              + (pages.size() - 1)
              + ")");
    }
    try {
      if (page != null || pages.size() == 1) {
        String name = pages.get(page == null ? 0 : page);
        return new Served(file(s, name, writer), writer.contentType(), fileName(name, writer));
      }
      ByteArrayOutputStream zipped = new ByteArrayOutputStream();
      try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
        for (String name : pages) {
          if (UploadResults.pageOutput(s, name) == null) continue; // a failed page has no result
          zip.putNextEntry(new ZipEntry(fileName(name, writer)));
          zip.write(file(s, name, writer));
          zip.closeEntry();
        }
      }
      return new Served(
          zipped.toByteArray(),
          "application/zip",
          "ocr-" + s.upload().jobKey() + "-" + format + ".zip");
    } catch (IOException e) {
      throw new StorageUnavailableException(
          "cannot read the results of job '" + s.upload().jobKey() + "': " + e.getMessage(), e);
    }
  }

  /** The upload as one searchable PDF, its pages' text invisible over their images. */
  void pdf(UploadSnapshot s, OutputStream out) throws IOException {
    Path written = s.outputDir().resolve(s.outputDir().getFileName() + ".pdf");
    if (Files.isRegularFile(written)) {
      Files.copy(written, out);
      return;
    }
    Path temp = Files.createTempFile("ocrbatch-upload-", ".pdf");
    try {
      try (SearchablePdf pdf =
          new SearchablePdf(
              s.upload().filename(), "ocrbatch (Apache PDFBox)", s.upload().model())) {
        for (String name : UploadResults.pages(s)) {
          PageJson.Document doc = UploadResults.pageOutput(s, name);
          PageText text = doc == null ? new PageText(0, 0, List.of()) : doc.page();
          PageRef ref = PageRef.parse(name);
          pdf.addPage(s.volume().resolve(ref.file()), ref.imageIndex(), s.upload().dpi(), text);
        }
        pdf.save(temp);
      }
      Files.copy(temp, out);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static byte[] file(UploadSnapshot s, String page, PageWriter writer) throws IOException {
    Path written = s.outputDir().resolve(fileName(page, writer));
    if (Files.isRegularFile(written)) return Files.readAllBytes(written);
    PageJson.Document doc = UploadResults.pageOutput(s, page);
    if (doc == null) {
      throw new NotFoundException(
          "page " + page + " of job '" + s.upload().jobKey() + "' has no result (it failed)");
    }
    return writer.render(new PageResult(doc.page(), doc.provenance(), doc.durationMs(), null));
  }

  private static String fileName(String page, PageWriter writer) {
    return PageRef.parse(page).stem() + "." + writer.extension();
  }

  private static IllegalArgumentException unknown(String format) {
    return new IllegalArgumentException(
        "parameter 'format' must be one of "
            + String.join(", ", PageWriters.formats())
            + ", got "
            + io.ocrbatch.activities.fault.UserInput.quote(format));
  }
}
