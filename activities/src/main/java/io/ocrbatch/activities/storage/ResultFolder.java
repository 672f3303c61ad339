package io.ocrbatch.activities.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A folder of results: a local directory or an S3 prefix. Each write is all-or-nothing. */
public interface ResultFolder {

  /** The path or {@code s3://} URI, as recorded in {@code tasks.output_prefix}. */
  String location();

  ResultFolder child(String name);

  /** Where the file {@code name} inside is, for messages: the path or {@code s3://} URI. */
  default String locationOf(String name) {
    return location().replaceAll("/+$", "") + "/" + name;
  }

  /**
   * The files directly inside, with when each was last written; empty when the folder is absent.
   */
  Map<String, Instant> files() throws IOException;

  /**
   * Those of {@code names} that exist, with when each was last written: a chunk's pages looked up
   * without listing the whole folder (a 30,000-page volume holds 60,000+ results).
   */
  default Map<String, Instant> files(Collection<String> names) throws IOException {
    Map<String, Instant> found = new HashMap<>(files());
    found.keySet().retainAll(Set.copyOf(names));
    return found;
  }

  Optional<byte[]> read(String name) throws IOException;

  void write(String name, byte[] content, String contentType) throws IOException;

  /** A file to write: its name in the folder, its bytes and their content type. */
  record Output(String name, byte[] content, String contentType) {}

  /**
   * Writes files that belong together (a page's formats): on a local disk none appears until all
   * are written; on S3, where each object is written alone, in order, the last one last.
   */
  default void writeTogether(List<Output> outputs) throws IOException {
    for (Output output : outputs) write(output.name(), output.content(), output.contentType());
  }

  /** Writes a local file's content under {@code name} (large results: a volume's PDF). */
  default void write(String name, Path content, String contentType) throws IOException {
    write(name, Files.readAllBytes(content), contentType);
  }
}
