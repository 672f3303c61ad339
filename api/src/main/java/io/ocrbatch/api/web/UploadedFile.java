package io.ocrbatch.api.web;

import io.ocrbatch.activities.image.ImageDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * An uploaded file checked for what it really is (by its bytes, not its name) and how many pages it
 * holds. Anything else is refused with the file's name and the reason.
 *
 * @param extension the extension matching the content: pdf, png, jpg or tif
 */
record UploadedFile(String name, String extension, int pages) {

  private static final int MAX_NAME_CODE_POINTS = 100;

  /**
   * The name the user gave the file, as it is shown back to them: Unicode kept (NFC), reduced to
   * its last path segment, without control or bidirectional-override characters, at most 100
   * characters (the end kept, so the extension stays); {@code upload} when nothing is left.
   */
  static String displayName(String original) {
    String name =
        Normalizer.normalize(original == null ? "" : original, Normalizer.Form.NFC)
            .replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1);
    name =
        name.codePoints()
            .filter(c -> !Character.isISOControl(c) && !isBidiControl(c))
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString()
            .strip();
    if (name.equals(".") || name.equals("..")) name = "";
    int length = name.codePointCount(0, name.length());
    if (length > MAX_NAME_CODE_POINTS)
      name = name.substring(name.offsetByCodePoints(0, length - MAX_NAME_CODE_POINTS));
    return name.isEmpty() ? "upload" : name;
  }

  private static boolean isBidiControl(int c) {
    return (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200E
        || c == 0x200F
        || c == 0x061C;
  }

  /**
   * The stem the file gets on disk (and in result file names): plain ASCII letters, digits, {@code
   * . _ -} of the name's stem, since the server's file system encoding is not known; {@code upload}
   * when no such character is left (a name written in Tibetan, say).
   */
  static String diskStem(String displayName) {
    int dot = displayName.lastIndexOf('.');
    String stem = dot > 0 ? displayName.substring(0, dot) : displayName;
    stem = stem.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[._]+|[._]+$", "");
    return stem.replaceAll("[^A-Za-z0-9]", "").isEmpty() ? "upload" : stem;
  }

  static UploadedFile inspect(String name, Path file) {
    long size;
    byte[] head = new byte[8];
    int read;
    try (InputStream in = Files.newInputStream(file)) {
      size = Files.size(file);
      read = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "'" + name + "': cannot read the upload: " + e.getMessage());
    }
    if (size == 0) throw new IllegalArgumentException("'" + name + "' is empty (0 bytes)");
    byte[] start = Arrays.copyOf(head, read);
    if (startsWith(start, "%PDF-")) return new UploadedFile(name, "pdf", pdfPages(name, file));
    String image = imageType(start);
    if (image == null) {
      throw new IllegalArgumentException(
          "'"
              + name
              + "' is neither a PDF nor a PNG, JPEG or TIFF image (its content does not start like one)");
    }
    try {
      int frames = image.equals("tif") ? ImageDecoder.imageCount(file) : 1;
      new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS)
          .decodeGray(file, 0, ImageDecoder.DEFAULT_DPI, name);
      return new UploadedFile(name, image, frames);
    } catch (IOException | RuntimeException | io.ocrbatch.activities.image.BadImageException e) {
      throw new IllegalArgumentException(
          "'"
              + name
              + "' looks like a "
              + image.toUpperCase(Locale.ROOT)
              + " image but cannot be decoded: "
              + ApiErrors.rootMessage(e));
    }
  }

  private static int pdfPages(String name, Path file) {
    try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
      int pages = pdf.getNumberOfPages();
      if (pages == 0) throw new IllegalArgumentException("'" + name + "' is a PDF without pages");
      return pages;
    } catch (InvalidPasswordException e) {
      throw new IllegalArgumentException(
          "'" + name + "' is a password-protected PDF; upload it without the password");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a readable PDF (truncated or damaged?): " + e.getMessage());
    }
  }

  private static String imageType(byte[] b) {
    if (b.length >= 8 && (b[0] & 0xff) == 0x89 && startsWith(Arrays.copyOfRange(b, 1, 4), "PNG"))
      return "png";
    if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff)
      return "jpg";
    if (b.length >= 4
        && ((b[0] == 'I' && b[1] == 'I' && b[2] == 42 && b[3] == 0)
            || (b[0] == 'M' && b[1] == 'M' && b[2] == 0 && b[3] == 42))) {
      return "tif";
    }
    return null;
  }

  private static boolean startsWith(byte[] bytes, String prefix) {
    if (bytes.length < prefix.length()) return false;
    for (int i = 0; i < prefix.length(); i++) if (bytes[i] != prefix.charAt(i)) return false;
    return true;
  }
}
