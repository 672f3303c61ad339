package io.ocrbatch.api;

import io.ocrbatch.activities.image.PageImages;
import io.ocrbatch.workflows.VolumeRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns what a user names (a folder of volumes, volume folders, a volume file) into volumes. */
public final class VolumeResolver {
  private VolumeResolver() {}

  /** Each sub-folder of {@code root} holding images is a volume; or root itself if it holds images. */
  public static List<VolumeRef> fromFolder(Path root) {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("folder not found: " + root.toAbsolutePath());
    }
    try {
      List<Path> folders = PageImages.volumeFolders(root);
      if (folders.isEmpty()) {
        throw new IllegalArgumentException(
            "no page images (" + String.join(", ", PageImages.EXTENSIONS) + ") in " + root.toAbsolutePath()
                + " or its sub-folders");
      }
      return refs(folders);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read folder " + root.toAbsolutePath(), e);
    }
  }

  /** Named volume folders; each must exist. */
  public static List<VolumeRef> fromPaths(List<String> entries, Path base) {
    List<Path> folders = new ArrayList<>();
    for (String entry : entries) {
      Path folder = base.resolve(entry.strip());
      if (!Files.isDirectory(folder)) {
        throw new IllegalArgumentException("volume '" + entry.strip() + "': folder not found: " + folder.toAbsolutePath());
      }
      folders.add(folder);
    }
    if (folders.isEmpty()) throw new IllegalArgumentException("no volumes given");
    return refs(folders);
  }

  /** A volume file: one volume per line; blank lines, {@code #} lines and {@code # …} tails ignored. */
  public static List<VolumeRef> fromVolumeFile(Path file) {
    try {
      List<String> entries = parseVolumeFile(Files.readAllLines(file));
      Path base = file.toAbsolutePath().getParent();
      return fromPaths(entries, base);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read volume file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  static List<String> parseVolumeFile(List<String> lines) {
    List<String> entries = new ArrayList<>();
    for (String line : lines) {
      int hash = line.indexOf('#');
      String entry = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (!entry.isEmpty()) entries.add(entry);
    }
    return entries;
  }

  private static List<VolumeRef> refs(List<Path> folders) {
    Set<String> used = new HashSet<>();
    List<VolumeRef> refs = new ArrayList<>();
    for (Path folder : folders) {
      Path absolute = folder.toAbsolutePath().normalize();
      String base = sanitize(absolute.getFileName() == null ? "volume" : absolute.getFileName().toString());
      String id = base;
      for (int n = 2; !used.add(id); n++) id = base + "-" + n;
      refs.add(new VolumeRef(id, absolute.toUri().toString()));
    }
    return refs;
  }

  /** A volume id safe as a folder name. */
  public static String sanitize(String name) {
    String clean = name.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "_");
    return clean.isEmpty() ? "volume" : clean;
  }
}
