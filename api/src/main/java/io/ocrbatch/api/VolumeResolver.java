package io.ocrbatch.api;

import io.ocrbatch.activities.fault.UserInput;
import io.ocrbatch.activities.image.PageImages;
import io.ocrbatch.activities.storage.BdrcVolume;
import io.ocrbatch.activities.storage.S3Location;
import io.ocrbatch.activities.storage.Storage;
import io.ocrbatch.workflows.VolumeRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns what a user names into volumes: a local folder of volumes or an S3 prefix of volumes
 * ({@code s3://bucket/prefix/}, each sub-prefix a volume, or the prefix itself when it holds
 * images), volume folders, S3 prefixes, and BDRC archive volumes ({@code W22084-I0886} or {@code
 * bdrc:W22084-I0886}, in the configured archive bucket).
 */
public final class VolumeResolver {
  private final Storage storage;

  public VolumeResolver(Storage storage) {
    this.storage = storage;
  }

  /** The storage volumes and results are read through. */
  public Storage storage() {
    return storage;
  }

  /** Where S3 and the BDRC archive are, and with which credentials. */
  public io.ocrbatch.activities.storage.StorageSettings storageSettings() {
    return storage.settings();
  }

  /** Each sub-folder (sub-prefix) holding volumes; or the folder itself if it holds images. */
  public List<VolumeRef> fromFolder(String location, Path base) {
    if (S3Location.isS3(location)) return fromS3Folder(S3Location.parse(location));
    boolean bdrc =
        location.startsWith("bdrc:")
            || BdrcVolume.looksLikeVolumeId(location)
            || BdrcVolume.looksMeantAsVolumeId(location);
    if (bdrc && !Files.isDirectory(base.resolve(location)))
      return fromEntries(List.of(location), base);
    return fromFolder(base.resolve(location), location);
  }

  /**
   * Each sub-folder of {@code root} holding images is a volume; or root itself if it holds images.
   */
  public static List<VolumeRef> fromFolder(Path root) {
    return fromFolder(root, root.toString());
  }

  /** The same; messages name the folder as its user wrote it ({@code named}), not as resolved. */
  private static List<VolumeRef> fromFolder(Path root, String named) {
    String folder = UserInput.quote(named);
    if (!Files.isDirectory(root))
      throw new IllegalArgumentException("folder " + folder + " not found");
    try {
      List<Path> folders = PageImages.volumeFolders(root);
      if (folders.isEmpty()) {
        throw new IllegalArgumentException(
            "no page images ("
                + String.join(", ", PageImages.EXTENSIONS)
                + ") in folder "
                + folder
                + " or its sub-folders");
      }
      return refs(folders);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read folder " + folder, e);
    }
  }

  private List<VolumeRef> fromS3Folder(S3Location root) {
    var listing = storage.s3().list(root);
    boolean holdsImages = listing.objects().keySet().stream().anyMatch(PageImages::isImageName);
    List<VolumeRef> refs = new ArrayList<>();
    if (holdsImages) {
      refs.add(s3Volume(root));
    } else {
      listing.folders().stream()
          .sorted(PageImages.NATURAL)
          .forEach(f -> refs.add(s3Volume(root.child(f))));
    }
    if (refs.isEmpty())
      throw new IllegalArgumentException(
          "no page images or sub-prefixes under " + root + " (missing or empty?)");
    return unique(refs);
  }

  /** Named volumes: folders, {@code s3://} prefixes or BDRC volume ids. */
  public List<VolumeRef> fromEntries(List<String> entries, Path base) {
    List<VolumeRef> refs = new ArrayList<>();
    for (String raw : entries) {
      String entry = raw.strip();
      if (S3Location.isS3(entry)) {
        refs.add(s3Volume(S3Location.parse(entry)));
      } else if (entry.startsWith("bdrc:")
          || (BdrcVolume.looksLikeVolumeId(entry) && !Files.isDirectory(base.resolve(entry)))) {
        refs.add(
            bdrc(BdrcVolume.parseVolumeId(entry.substring(entry.startsWith("bdrc:") ? 5 : 0))));
      } else {
        Path folder = base.resolve(entry);
        if (!Files.isDirectory(folder) && BdrcVolume.looksMeantAsVolumeId(entry)) {
          throw new IllegalArgumentException(
              BdrcVolume.malformedMessage(entry) + " (and no folder of that name exists)");
        }
        if (!Files.isDirectory(folder)) {
          throw new IllegalArgumentException(
              "volume " + UserInput.quote(entry) + ": folder not found");
        }
        refs.addAll(refs(List.of(folder)));
      }
    }
    if (refs.isEmpty()) throw new IllegalArgumentException("no volumes given");
    return unique(refs);
  }

  /**
   * Whether an entry names a BDRC archive volume rather than a path: {@code bdrc:…}, or a bare
   * {@code W…-I…} id (no path separator; a same-named folder in the base still wins when
   * resolving).
   */
  public static boolean namesBdrcVolume(String entry) {
    String e = entry.strip();
    return e.startsWith("bdrc:")
        || (BdrcVolume.looksLikeVolumeId(e) && !e.contains("/") && !e.contains("\\"));
  }

  /**
   * A volume file: one volume per line; blank lines, {@code #} lines and {@code # …} tails ignored.
   */
  public List<VolumeRef> fromVolumeFile(Path file) {
    try {
      List<String> entries = parseVolumeFile(Files.readAllLines(file));
      return fromEntries(entries, file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read volume file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  /** A BDRC archive volume in the configured bucket; ids are checked when the volume is listed. */
  public VolumeRef bdrc(BdrcVolume volume) {
    return new VolumeRef(
        sanitize(volume.volumeId()), volume.sourceUri(storage.settings().bdrcBucket()));
  }

  public static List<String> parseVolumeFile(List<String> lines) {
    List<String> entries = new ArrayList<>();
    for (String line : lines) {
      int hash = line.indexOf('#');
      String entry = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (!entry.isEmpty()) entries.add(entry);
    }
    return entries;
  }

  private static VolumeRef s3Volume(S3Location prefix) {
    String name = prefix.name().isEmpty() ? prefix.bucket() : prefix.name();
    return new VolumeRef(
        sanitize(name), new S3Location(prefix.bucket(), prefix.prefix()).toString());
  }

  private static List<VolumeRef> refs(List<Path> folders) {
    List<VolumeRef> refs = new ArrayList<>();
    for (Path folder : folders) {
      Path absolute = folder.toAbsolutePath().normalize();
      String base =
          sanitize(absolute.getFileName() == null ? "volume" : absolute.getFileName().toString());
      refs.add(new VolumeRef(base, absolute.toUri().toString()));
    }
    return unique(refs);
  }

  /** Volume ids name result folders: a second volume with the same name gets a -2 suffix. */
  private static List<VolumeRef> unique(List<VolumeRef> refs) {
    Set<String> used = new HashSet<>();
    Set<String> sources = new HashSet<>();
    List<VolumeRef> out = new ArrayList<>();
    for (VolumeRef ref : refs) {
      if (!sources.add(ref.sourceUri())) continue; // named twice
      String id = ref.volumeId();
      for (int n = 2; !used.add(id); n++) id = ref.volumeId() + "-" + n;
      out.add(new VolumeRef(id, ref.sourceUri()));
    }
    return out;
  }

  /** A volume id safe as a folder name. */
  public static String sanitize(String name) {
    String clean = name.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "_");
    return clean.isEmpty() ? "volume" : clean;
  }
}
