package io.ocrbatch.activities.dropfolder;

import io.ocrbatch.activities.statusdb.FoundFile;
import io.ocrbatch.activities.storage.S3Location;
import io.ocrbatch.activities.storage.S3Objects;
import io.ocrbatch.activities.storage.Storage;
import io.ocrbatch.workflows.watch.WatchSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lists a drop folder: each top-level folder of the root is a publisher, every file below it (at
 * any depth) is one of theirs, except the publisher's output folder and hidden names.
 */
public final class DropFolderScanner {
  private final Storage storage;

  public DropFolderScanner(Storage storage) {
    this.storage = storage;
  }

  public List<FoundFile> scan(WatchSpec spec) {
    Set<String> accepted = new HashSet<>(spec.formats());
    return S3Location.isS3(spec.root())
        ? scanS3(S3Location.parse(spec.root()), spec.outputFolder(), accepted)
        : scanLocal(Path.of(spec.root()), spec.outputFolder(), accepted);
  }

  private List<FoundFile> scanS3(S3Location root, String outputFolder, Set<String> accepted) {
    List<FoundFile> found = new ArrayList<>();
    for (Map.Entry<String, S3Objects.Entry> e : storage.s3().listRecursive(root).entrySet()) {
      String relative = e.getKey();
      int slash = relative.indexOf('/');
      if (slash <= 0 || relative.endsWith("/")) continue; // not inside a publisher folder
      String publisher = relative.substring(0, slash);
      String name = relative.substring(slash + 1);
      if (skipped(publisher, name, outputFolder)) continue;
      S3Objects.Entry entry = e.getValue();
      found.add(
          found(
              publisher,
              name,
              root.child(relative).toString(),
              entry.size(),
              entry.etag(),
              accepted));
    }
    return found;
  }

  private static List<FoundFile> scanLocal(Path root, String outputFolder, Set<String> accepted) {
    List<FoundFile> found = new ArrayList<>();
    try (Stream<Path> publishers = Files.list(root)) {
      for (Path folder : publishers.filter(Files::isDirectory).sorted().toList()) {
        String publisher = folder.getFileName().toString();
        if (publisher.startsWith(".")) continue;
        try (Stream<Path> files = Files.walk(folder)) {
          for (Path file : files.filter(Files::isRegularFile).toList()) {
            String name = folder.relativize(file).toString().replace('\\', '/');
            if (skipped(publisher, name, outputFolder)) continue;
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            found.add(
                found(
                    publisher,
                    name,
                    file.toUri().toString(),
                    attributes.size(),
                    attributes.size() + "-" + attributes.lastModifiedTime().toMillis(),
                    accepted));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list drop folder " + root + ": " + e.getMessage(), e);
    }
    return found;
  }

  private static boolean skipped(String publisher, String name, String outputFolder) {
    if (publisher.startsWith(".")
        || name.equals(outputFolder)
        || name.startsWith(outputFolder + "/")) return true;
    for (String part : name.split("/")) if (part.startsWith(".")) return true;
    return false;
  }

  static FoundFile found(
      String publisher,
      String name,
      String uri,
      long size,
      String fingerprint,
      Set<String> accepted) {
    String reason = FileFormats.skipReason(name, accepted);
    return new FoundFile(
        publisher,
        name,
        uri,
        size,
        reason == null ? FileFormats.of(name) : null,
        reason,
        fingerprint,
        SizeTiers.priority(size));
  }
}
