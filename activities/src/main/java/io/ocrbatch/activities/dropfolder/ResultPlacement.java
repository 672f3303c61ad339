package io.ocrbatch.activities.dropfolder;

import io.ocrbatch.activities.storage.ResultFolder;
import io.ocrbatch.activities.storage.Storage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Puts a finished file's results beside it: {@code <publisher>/<output>/<name>/} with every result
 * file, and {@code <publisher>/<output>/<name>.zip} of them. Rewriting both is harmless, so a
 * repeated attempt is safe.
 */
public final class ResultPlacement {
  private final Storage storage;

  public ResultPlacement(Storage storage) {
    this.storage = storage;
  }

  /** The publisher's output folder (the parent of the staging folder and of the results). */
  public static String outputFolder(String root, String publisher, String outputFolder) {
    return root.replaceAll("/+$", "") + "/" + publisher + "/" + outputFolder;
  }

  /** Where a file's job writes before its results are placed: hidden, so never discovered. */
  public static String stagingRoot(String root, String publisher, String outputFolder) {
    return outputFolder(root, publisher, outputFolder) + "/.work";
  }

  /** A file's name without its extension: {@code sub/book1.pdf} → {@code sub/book1}. */
  public static String stem(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > fileName.lastIndexOf('/') + 1 ? fileName.substring(0, dot) : fileName;
  }

  /** Copies the results from {@code staged} to the output folder; returns the results' location. */
  public String place(ResultFolder staged, String outputFolder, String fileName)
      throws IOException {
    Map<String, java.time.Instant> files = staged.files();
    if (files.isEmpty()) throw new IOException("no results in " + staged.location());
    ResultFolder output = storage.results(outputFolder);
    ResultFolder target = output.child(stem(fileName));
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
      for (String name : new TreeSet<>(files.keySet())) {
        byte[] content = staged.read(name).orElseThrow(() -> new IOException("gone: " + name));
        target.write(name, content, contentType(name));
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
      }
    }
    output.write(stem(fileName) + ".zip", zipped.toByteArray(), "application/zip");
    return target.location();
  }

  private static String contentType(String name) {
    if (name.endsWith(".json")) return "application/json";
    if (name.endsWith(".xml")) return "application/xml";
    if (name.endsWith(".pdf")) return "application/pdf";
    if (name.endsWith(".txt") || name.endsWith(".md")) return "text/plain; charset=utf-8";
    return "application/octet-stream";
  }
}
