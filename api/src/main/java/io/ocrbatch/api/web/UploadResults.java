package io.ocrbatch.api.web;

import io.ocrbatch.activities.image.BadImageException;
import io.ocrbatch.activities.image.ImageDecoder;
import io.ocrbatch.activities.image.PageRef;
import io.ocrbatch.activities.ocr.Box;
import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.output.format.MarkdownWriter;
import io.ocrbatch.activities.page.PageJson;
import io.ocrbatch.activities.statusdb.JobRecord;
import io.ocrbatch.activities.statusdb.PageRowStore.PageMetric;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.statusdb.UploadStore.Upload;
import io.ocrbatch.api.JobService;
import io.ocrbatch.api.JobView;
import io.ocrbatch.api.web.OcrBodies.OcrLine;
import io.ocrbatch.api.web.OcrBodies.OcrMetadata;
import io.ocrbatch.api.web.OcrBodies.OcrNoResult;
import io.ocrbatch.api.web.OcrBodies.OcrPage;
import io.ocrbatch.api.web.OcrBodies.OcrResult;
import io.ocrbatch.api.web.OcrBodies.OcrStatus;
import io.ocrbatch.workflows.TaskRef;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.springframework.stereotype.Component;

/**
 * What {@code /ocr/*} reports about an upload's job: its status, its pages' results, images,
 * Markdown, a zip.
 */
@Component
class UploadResults {
  private final JobService jobs;
  private final StatusStore store;
  private final ImageDecoder decoder = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);

  UploadResults(JobService jobs) {
    this.jobs = jobs;
    this.store = jobs.store();
  }

  UploadSnapshot snapshot(String jobId) {
    Upload upload =
        store
            .uploads()
            .byJobKey(jobId)
            .orElseThrow(() -> new NotFoundException("no OCR job '" + jobId + "'"));
    JobRecord job = jobs.find(upload.jobId(), null);
    JobView view = JobView.of(jobs.report(job));
    List<TaskRef> tasks = store.tasks().tasksAfter(job.id(), 0, 1);
    Path volume = tasks.isEmpty() ? null : Path.of(URI.create(tasks.get(0).volume().sourceUri()));
    Path outputDir =
        tasks.isEmpty()
            ? null
            : Path.of(job.outputRoot())
                .resolve(job.typeName())
                .resolve(tasks.get(0).volume().volumeId());
    return new UploadSnapshot(
        upload,
        job,
        view,
        UploadSnapshot.statusOf(upload, job, view),
        volume,
        outputDir,
        tasks.isEmpty() ? null : tasks.get(0).taskId());
  }

  /**
   * A moment as the upload contract writes it: UTC, milliseconds, {@code Z} ({@code
   * 2026-12-02T17:03:29.120Z}; Python's {@code strptime('%Y-%m-%dT%H:%M:%S.%fZ')} reads it).
   */
  static String timestamp(Instant at) {
    return at == null ? null : TIMESTAMP.format(at);
  }

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  OcrStatus status(UploadSnapshot s) {
    return new OcrStatus(
        s.upload().jobKey(), s.status(), s.progress(), s.message(), s.outcome(), s.failedPages());
  }

  /**
   * The body of {@code /ocr/result} while there is no result: 202 running, 404 expired (with {@code
   * detail}).
   */
  OcrNoResult noResult(UploadSnapshot s, String detail) {
    return new OcrNoResult(
        false, s.upload().jobKey(), s.status(), s.progress(), s.message(), detail);
  }

  /**
   * The full result (pages so far for a failed job); page keys {@code page_0…} in reading order.
   */
  OcrResult result(UploadSnapshot s, boolean annotate) {
    return result(s, annotate, 0, Integer.MAX_VALUE);
  }

  /**
   * The result with {@code limit} pages from page {@code offset} (keys {@code page_<offset>…}):
   * only their files and rows are read, however long the upload.
   */
  OcrResult result(UploadSnapshot s, boolean annotate, int offset, int limit) {
    List<String> pages = pages(s);
    int from = Math.min(offset, pages.size());
    int to = (int) Math.min(pages.size(), (long) from + limit);
    Map<String, PageMetric> metrics =
        s.taskId() == null
            ? Map.of()
            : store.pageRows().pages(s.taskId(), pages.subList(from, to)).stream()
                .collect(Collectors.toMap(PageMetric::imageName, Function.identity(), (a, b) -> b));
    Map<String, OcrPage> results = new LinkedHashMap<>();
    List<String> annotated = new ArrayList<>();
    for (int i = from; i < to; i++) {
      PageJson.Document output = pageOutput(s, pages.get(i));
      String image = pages.get(i);
      if (output != null) {
        results.put(
            "page_" + i,
            new OcrPage(
                "success",
                lines(output),
                output.text(),
                output.page().width(),
                output.page().height(),
                null,
                image));
        if (annotate) annotated.add(Base64.getEncoder().encodeToString(render(s, image, output)));
      } else {
        PageMetric metric = metrics.get(image);
        String error =
            metric != null && metric.error() != null ? metric.error() : "page was not processed";
        results.put("page_" + i, new OcrPage("failed", List.of(), null, null, null, error, image));
      }
    }
    Upload upload = s.upload();
    return new OcrResult(
        s.status().equals("completed"),
        upload.jobKey(),
        s.status(),
        upload.filename(),
        upload.totalPages(),
        upload.dpi(),
        upload.model(),
        new OcrMetadata(upload.filename(), upload.dpi()),
        results,
        annotated,
        s.message(),
        timestamp(s.job().finishedAt()),
        s.outcome(),
        s.failedPages());
  }

  String markdown(UploadSnapshot s) {
    StringBuilder md = new StringBuilder("# " + s.upload().filename() + "\n\n");
    List<String> pages = pages(s);
    for (int i = 0; i < pages.size(); i++) {
      md.append("## Page ").append(i + 1).append("\n\n");
      PageJson.Document output = pageOutput(s, pages.get(i));
      if (output == null) {
        md.append("_(no text: the page was not recognised)_\n\n");
        continue;
      }
      md.append(MarkdownWriter.markdown(output.page())).append("\n");
    }
    return md.toString();
  }

  /**
   * Page {@code index} as PNG (at the job's dpi, as the engine saw it), with the recognised lines
   * boxed if asked.
   */
  byte[] pageImage(UploadSnapshot s, int index, boolean annotate) {
    List<String> pages = pages(s);
    if (index < 0 || index >= pages.size()) {
      throw new NotFoundException(
          "job '"
              + s.upload().jobKey()
              + "' has no page "
              + index
              + " (pages 0-"
              + (pages.size() - 1)
              + ")");
    }
    return render(s, pages.get(index), annotate ? pageOutput(s, pages.get(index)) : null);
  }

  /** The page as PNG, with the lines of {@code output} boxed when it is given. */
  private byte[] render(UploadSnapshot s, String pageName, PageJson.Document output) {
    PageRef page = PageRef.parse(pageName);
    String what = "cannot render page " + pageName + " of job '" + s.upload().jobKey() + "': ";
    try {
      BufferedImage gray =
          decoder.decodeGray(
              s.volume().resolve(page.file()), page.imageIndex(), s.upload().dpi(), page.file());
      BufferedImage image = output == null ? gray : LineBoxes.drawn(gray, output.page());
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(image, "png", png);
      return png.toByteArray();
    } catch (BadImageException e) { // the same every time: the client's to know, not to retry
      throw new UnprocessableException(what + e.getMessage(), e);
    } catch (IOException e) {
      throw new io.ocrbatch.activities.fault.StorageUnavailableException(what + e.getMessage(), e);
    }
  }

  /** The job's result files (text, JSON, manifest) as a zip, plus the Markdown. */
  void zip(UploadSnapshot s, OutputStream out) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(out);
        var files =
            Files.exists(s.outputDir())
                ? Files.walk(s.outputDir())
                : java.util.stream.Stream.<Path>empty()) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        zip.putNextEntry(new ZipEntry(s.outputDir().relativize(file).toString()));
        Files.copy(file, zip);
        zip.closeEntry();
      }
      zip.putNextEntry(new ZipEntry("text.md"));
      zip.write(markdown(s).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      zip.closeEntry();
    }
  }

  static List<String> pages(UploadSnapshot s) {
    if (s.volume() == null || s.upload().expired()) return List.of();
    return UploadService.pageNames(s.volume());
  }

  static PageJson.Document pageOutput(UploadSnapshot s, String page) {
    Path json = s.outputDir().resolve(PageRef.parse(page).stem() + ".json");
    if (!Files.isRegularFile(json)) return null;
    try {
      return PageJson.read(Files.readAllBytes(json));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + json, e);
    }
  }

  /**
   * The page's lines in the upload contract's shape: {@code {bbox: [x1,y1,x2,y2], category, text,
   * confidence}}.
   */
  private static List<OcrLine> lines(PageJson.Document output) {
    List<OcrLine> data = new ArrayList<>();
    for (PageText.Line line : output.page().lines()) {
      Box b = line.box();
      data.add(
          new OcrLine(
              List.of(b.x1(), b.y1(), b.x2(), b.y2()), "Text", line.text(), line.confidence()));
    }
    return data;
  }
}
