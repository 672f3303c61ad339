package io.ocrbatch.activities.storage;

import io.ocrbatch.activities.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A local result folder. Each read and write is judged against the job's {@link FolderRoots} by the
 * folder's real path at that moment, and goes to that real path.
 */
final class LocalResultFolder implements ResultFolder {
  private final Path dir;
  private final FolderRoots roots;

  LocalResultFolder(Path dir, FolderRoots roots) {
    this.dir = dir;
    this.roots = roots;
  }

  /** The folder to use now; {@link VolumeProblem} when it leads outside the roots. */
  private Path here() {
    return roots
        .admit(dir)
        .orElseThrow(
            () ->
                new VolumeProblem(
                    "result folder '"
                        + dir.getFileName()
                        + "' leads outside the folders this job may write (a symbolic link?)"));
  }

  @Override
  public String location() {
    return dir.toString();
  }

  @Override
  public ResultFolder child(String name) {
    return new LocalResultFolder(dir.resolve(name), roots);
  }

  @Override
  public Map<String, Instant> files() throws IOException {
    Map<String, Instant> files = new LinkedHashMap<>();
    Path dir = here();
    if (!Files.isDirectory(dir)) return files;
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : (Iterable<Path>) list::iterator) {
        String name = p.getFileName().toString();
        if (!name.startsWith(".") && Files.isRegularFile(p))
          files.put(name, Files.getLastModifiedTime(p).toInstant());
      }
    }
    return files;
  }

  @Override
  public Map<String, Instant> files(Collection<String> names) throws IOException {
    Map<String, Instant> files = new HashMap<>();
    Path dir = here();
    for (String name : names) {
      Path file = dir.resolve(name);
      if (Files.isRegularFile(file)) files.put(name, Files.getLastModifiedTime(file).toInstant());
    }
    return files;
  }

  @Override
  public Optional<byte[]> read(String name) throws IOException {
    Path file = here().resolve(name);
    return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
  }

  @Override
  public void write(String name, byte[] content, String contentType) throws IOException {
    AtomicFiles.write(here().resolve(name), content);
  }

  @Override
  public void writeTogether(List<Output> outputs) throws IOException {
    Map<Path, byte[]> files = new LinkedHashMap<>();
    for (Output output : outputs) files.put(dir.resolve(output.name()), output.content());
    AtomicFiles.writeTogether(files);
  }

  @Override
  public void write(String name, Path content, String contentType) throws IOException {
    AtomicFiles.copy(content, here().resolve(name));
  }
}
