package io.ocrbatch.activities.output;

import io.ocrbatch.activities.image.PageRef;
import io.ocrbatch.activities.output.format.PageResult;
import io.ocrbatch.activities.output.format.PageWriter;
import io.ocrbatch.activities.output.format.PageWriters;
import io.ocrbatch.activities.page.PageJson;
import io.ocrbatch.activities.storage.ResultFolder;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A page's result files, one per format its job type asks for ({@code <stem>.txt}, …) and {@code
 * <stem>.json} always, rendered by their {@link PageWriter}s and written together, the JSON last: a
 * page whose JSON exists has been OCRed and is never OCRed again; a page is done when every
 * format's file exists, and one missing a format gets that format only, from its JSON.
 */
public final class PageOutputs {
  private final ResultFolder folder;
  private final String stem;
  private final List<PageWriter> writers;

  public PageOutputs(ResultFolder folder, String imageName, List<String> formats) {
    this.folder = folder;
    this.stem = PageRef.parse(imageName).stem();
    this.writers = PageWriters.forFormats(formats);
  }

  /** A page's outputs for reading its JSON back (status rows). */
  public PageOutputs(ResultFolder folder, String imageName) {
    this(folder, imageName, List.of());
  }

  /**
   * Whether the page's OCR is done, given the folder's files: its JSON exists and, when the job
   * re-runs older results ({@code --force}), was written at or after {@code redoBefore}.
   */
  public boolean recognised(Map<String, Instant> files, Instant redoBefore) {
    return fresh(jsonName(), files, redoBefore);
  }

  /** Whether every format the job type asks for is written (see {@link #recognised}). */
  public boolean done(Map<String, Instant> files, Instant redoBefore) {
    return missing(files, redoBefore).isEmpty();
  }

  /** The writers whose file is not there (or older than {@code redoBefore}). */
  public List<PageWriter> missing(Map<String, Instant> files, Instant redoBefore) {
    return writers.stream().filter(w -> !fresh(fileName(w), files, redoBefore)).toList();
  }

  private static boolean fresh(String name, Map<String, Instant> files, Instant redoBefore) {
    Instant written = files.get(name);
    return written != null && (redoBefore == null || !written.isBefore(redoBefore));
  }

  /**
   * The files a finished page has for these formats (its JSON always), in the order they are
   * written.
   */
  public static List<String> fileNames(String imageName, List<String> formats) {
    String stem = PageRef.parse(imageName).stem();
    return PageWriters.forFormats(formats).stream().map(w -> stem + "." + w.extension()).toList();
  }

  public String jsonName() {
    return stem + ".json";
  }

  private String fileName(PageWriter writer) {
    return stem + "." + writer.extension();
  }

  /** What a finished page's JSON says about it: enough for its status row. */
  public record Written(int lines, Float confidence, long durationMs, String imageEtag) {}

  /** The finished page as its JSON describes it; empty when the JSON is not there. */
  public Optional<Written> read() throws IOException {
    return document()
        .map(
            d ->
                new Written(
                    d.page().lines().size(),
                    d.confidence(),
                    d.durationMs(),
                    d.provenance().imageEtag()));
  }

  /**
   * The page JSON's content; empty when it is not there.
   *
   * @throws UnreadableResultException when it is there but is not a page JSON (a store changed what
   *     was written)
   */
  public Optional<PageJson.Document> document() throws IOException {
    Optional<byte[]> bytes = folder.read(jsonName());
    if (bytes.isEmpty()) return Optional.empty();
    try {
      return Optional.of(PageJson.read(bytes.get()));
    } catch (IOException e) {
      throw new UnreadableResultException(
          "page result "
              + folder.locationOf(jsonName())
              + " is not valid JSON ("
              + e.getMessage().lines().findFirst().orElse("")
              + "): the store did not keep what ocrbatch wrote; delete it and run the job again"
              + " to redo the page",
          e);
    }
  }

  /** A result file that exists but does not hold what ocrbatch writes: retrying cannot help. */
  public static final class UnreadableResultException extends IOException {
    UnreadableResultException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Writes every format, the JSON last. */
  public void write(PageResult page) throws IOException {
    write(render(page));
  }

  /** Writes the given formats only (a page missing some), in order. */
  public void write(PageResult page, List<PageWriter> only) throws IOException {
    write(render(page, only));
  }

  /** Every format's file of the page, the JSON last: the page's result in hand, not yet written. */
  public List<ResultFolder.Output> render(PageResult page) throws IOException {
    return render(page, writers);
  }

  /** The given formats' files of the page, in order. */
  public List<ResultFolder.Output> render(PageResult page, List<PageWriter> only)
      throws IOException {
    List<ResultFolder.Output> files = new ArrayList<>();
    for (PageWriter writer : only)
      files.add(
          new ResultFolder.Output(fileName(writer), writer.render(page), writer.contentType()));
    return files;
  }

  /**
   * Writes rendered files together: on a local disk none of them appears until all are written (a
   * full disk leaves no {@code .txt} without its {@code .json}); the JSON, which says the page is
   * done, comes last.
   */
  public void write(List<ResultFolder.Output> files) throws IOException {
    folder.writeTogether(files);
  }
}
