package io.ocrbatch.activities.storage;

import io.ocrbatch.workflows.AllowedRoots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The local folders a job may read (or write) in, judged by the real path of each file when it is
 * used: {@code ..} and symbolic links resolved, so a link inside a root, or a folder swapped for a
 * link after the job was submitted, does not lead out of it. {@code s3://} roots are not judged
 * here: an S3 key holds no link, and its prefix was checked at submission.
 */
public final class FolderRoots {
  private static final FolderRoots ANYWHERE = new FolderRoots(null);

  private final List<Path> folders; // null: not confined

  private FolderRoots(List<Path> folders) {
    this.folders = folders;
  }

  /** No limit: a job of the server's own user. */
  public static FolderRoots anywhere() {
    return ANYWHERE;
  }

  /** The folders among {@code entries} (folders and {@code s3://} prefixes). */
  public static FolderRoots of(List<String> entries) {
    return new FolderRoots(
        entries.stream()
            .map(String::strip)
            .filter(e -> !e.isEmpty() && !S3Location.isS3(e))
            .map(e -> resolved(Path.of(e).toAbsolutePath()))
            .toList());
  }

  /** Where a job may read its volumes; anywhere when {@code roots} is null. */
  public static FolderRoots inputsOf(AllowedRoots roots) {
    return roots == null ? ANYWHERE : of(roots.inputs());
  }

  /** Where a job may write its results; anywhere when {@code roots} is null. */
  public static FolderRoots outputsOf(AllowedRoots roots) {
    return roots == null ? ANYWHERE : of(roots.outputs());
  }

  public boolean confined() {
    return folders != null;
  }

  /**
   * The path to use for {@code path} now: its real path when that lies under a root (unchanged when
   * not confined); empty when it leads outside every root.
   */
  public Optional<Path> admit(Path path) {
    if (folders == null) return Optional.of(path);
    Path real = resolved(path.toAbsolutePath());
    return folders.stream().anyMatch(real::startsWith) ? Optional.of(real) : Optional.empty();
  }

  public boolean allows(Path path) {
    return admit(path).isPresent();
  }

  /**
   * The path as the file system will reach it: the longest existing part with its links and {@code
   * ..} resolved by the OS, then the rest (which cannot hold links yet) normalised.
   */
  public static Path resolved(Path absolute) {
    Path existing = absolute;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS))
      existing = existing.getParent();
    if (existing == null) return absolute.normalize();
    try {
      Path real = existing.toRealPath();
      return real.resolve(existing.relativize(absolute)).normalize();
    } catch (IOException e) { // a dangling link or an unreadable folder: judge the path as written
      return absolute.normalize();
    }
  }
}
