package io.ocrbatch.activities.dropfolder;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The formats a drop folder accepts, told apart by file name extension. */
public final class FileFormats {
  public static final List<String> ALL = List.of("pdf", "tiff", "jpeg", "png");
  private static final Map<String, String> BY_EXTENSION =
      Map.of(
          "pdf", "pdf", "tif", "tiff", "tiff", "tiff", "jpg", "jpeg", "jpeg", "jpeg", "png", "png");

  private FileFormats() {}

  /** The format of a file name, or null for an extension none of them has. */
  public static String of(String fileName) {
    int dot = fileName.lastIndexOf('.');
    if (dot < 0) return null;
    return BY_EXTENSION.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /** Why a file is skipped under the accepted formats, or null when it is not. */
  public static String skipReason(String fileName, Set<String> accepted) {
    String format = of(fileName);
    if (format != null && accepted.contains(format)) return null;
    int dot = fileName.lastIndexOf('.');
    String what = dot < 0 ? "no file extension" : "format ." + fileName.substring(dot + 1);
    return "unsupported " + what + " (accepted: " + String.join(", ", sorted(accepted)) + ")";
  }

  private static List<String> sorted(Set<String> formats) {
    return ALL.stream().filter(formats::contains).toList();
  }
}
