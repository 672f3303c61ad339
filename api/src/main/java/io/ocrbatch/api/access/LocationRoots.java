package io.ocrbatch.api.access;

import io.ocrbatch.activities.fault.UserInput;
import io.ocrbatch.activities.storage.FolderRoots;
import io.ocrbatch.activities.storage.S3Location;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The folders and S3 prefixes that HTTP clients may name as inputs or outputs. A local path is
 * judged after {@code ..} and symbolic links are resolved, so neither leads out of a root; an
 * {@code s3://} location is allowed when a root names its bucket (and a prefix of its key). A
 * refusal names the roots, never whether the refused path exists.
 */
public final class LocationRoots {
  private final String kind;
  private final String variable;
  private final List<Path> folders;
  private final List<S3Location> prefixes;

  private LocationRoots(
      String kind, String variable, List<Path> folders, List<S3Location> prefixes) {
    this.kind = kind;
    this.variable = variable;
    this.folders = folders;
    this.prefixes = prefixes;
  }

  /**
   * Roots from a comma-separated list of folders and {@code s3://bucket[/prefix]} entries.
   *
   * @param kind "input" or "output", for messages
   * @param variable the environment variable that sets them, for messages
   */
  public static LocationRoots of(String kind, String variable, List<String> entries) {
    List<Path> folders = new ArrayList<>();
    List<S3Location> prefixes = new ArrayList<>();
    for (String raw : entries) {
      String entry = raw.strip();
      if (entry.isEmpty()) continue;
      if (S3Location.isS3(entry)) prefixes.add(S3Location.parse(entry));
      else folders.add(FolderRoots.resolved(Path.of(entry).toAbsolutePath()));
    }
    return new LocationRoots(kind, variable, List.copyOf(folders), List.copyOf(prefixes));
  }

  public static LocationRoots parse(String kind, String variable, String commaSeparated) {
    return of(kind, variable, Arrays.asList(commaSeparated.split(",")));
  }

  /**
   * Throws {@link ForbiddenException} unless {@code location} (a path relative to {@code base}, or
   * s3://) lies under a root.
   */
  public void check(String location, Path base, String what) {
    if (!allows(location, base)) {
      throw new ForbiddenException(
          what
              + " "
              + UserInput.quote(location)
              + " is outside the "
              + kind
              + " roots this server allows over HTTP: "
              + describe()
              + " (the server's "
              + variable
              + ")");
    }
  }

  boolean allows(String location, Path base) {
    if (S3Location.isS3(location)) {
      S3Location s3 = S3Location.parse(location);
      return prefixes.stream()
          .anyMatch(
              root -> root.bucket().equals(s3.bucket()) && underPrefix(s3.prefix(), root.prefix()));
    }
    if (location.indexOf('\0') >= 0) return false;
    Path path = FolderRoots.resolved(base.resolve(location).toAbsolutePath());
    return folders.stream().anyMatch(path::startsWith);
  }

  public String describe() {
    List<String> all = entries();
    return all.isEmpty() ? "(none)" : String.join(", ", all);
  }

  private static boolean underPrefix(String key, String rootPrefix) {
    if (rootPrefix.isEmpty()) return true;
    String root = rootPrefix.endsWith("/") ? rootPrefix : rootPrefix + "/";
    String k = key.endsWith("/") ? key : key + "/";
    return k.startsWith(root);
  }

  /** The roots as given to {@link #of}, resolved: folders first, then s3:// prefixes. */
  public List<String> entries() {
    List<String> all = new ArrayList<>();
    folders.forEach(f -> all.add(f.toString()));
    prefixes.forEach(p -> all.add(p.toString()));
    return all;
  }
}
