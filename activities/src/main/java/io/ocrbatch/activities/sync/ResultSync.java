package io.ocrbatch.activities.sync;

import io.ocrbatch.activities.files.Digests;
import io.ocrbatch.activities.image.BadImageException;
import io.ocrbatch.activities.image.PageRef;
import io.ocrbatch.activities.output.VolumeOutputs;
import io.ocrbatch.activities.output.format.PageWriters;
import io.ocrbatch.activities.storage.PageFile;
import io.ocrbatch.activities.storage.ResultFolder;
import io.ocrbatch.activities.storage.S3Location;
import io.ocrbatch.activities.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Copies a job's results to another place ({@code s3://bucket/prefix} or a folder) in the same
 * layout, {@code {job_type}/{volume folder}/…}, optionally with each volume's page images under
 * {@code images/}. An object whose content is already there (same MD5) is skipped; each volume's
 * {@code success.json} is copied last, so a reader that sees it sees the whole volume.
 */
public final class ResultSync {
  private final Storage storage;

  public ResultSync(Storage storage) {
    this.storage = storage;
  }

  /** A finished volume of the job: where its images came from and where its results are. */
  public record Volume(String volumeId, String sourceUri, String outputPrefix) {}

  public record Progress(
      int filesDone, int filesTotal, int copied, int skipped, long bytesCopied) {}

  public interface Listener {
    void update(Progress progress);
  }

  private record Item(Volume volume, ResultFolder from, String name, boolean image) {}

  public Progress run(
      List<Volume> volumes,
      String jobType,
      String destination,
      boolean withImages,
      Listener listener)
      throws IOException {
    List<Item> items = new ArrayList<>();
    for (Volume volume : volumes) items.addAll(plan(volume, withImages));
    ResultFolder root = storage.results(destination).child(jobType);
    int done = 0;
    int copied = 0;
    int skipped = 0;
    long bytes = 0;
    Map<String, Map<String, String>> known = new HashMap<>();
    for (Item item : items) {
      String folderName = folderName(item.volume().outputPrefix());
      ResultFolder target = root.child(folderName);
      Map<String, String> existing = known.computeIfAbsent(folderName, f -> md5sOf(target));
      String name = item.image() ? "images/" + item.name() : item.name();
      byte[] content = item.image() ? image(item) : item.from().read(item.name()).orElse(null);
      if (content != null) {
        if (Digests.hex("MD5", content).equals(existing.get(name))) {
          skipped++;
        } else {
          target.write(name, content, contentType(name));
          copied++;
          bytes += content.length;
        }
      }
      done++;
      listener.update(new Progress(done, items.size(), copied, skipped, bytes));
    }
    return new Progress(done, items.size(), copied, skipped, bytes);
  }

  /** Results first, success.json last; images (when wanted) before the marker. */
  private List<Item> plan(Volume volume, boolean withImages) throws IOException {
    ResultFolder from = storage.results(volume.outputPrefix());
    List<Item> items = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>(from.files().keySet());
    boolean marker = names.remove(VolumeOutputs.SUCCESS);
    for (String name : names) items.add(new Item(volume, from, name, false));
    if (withImages) {
      Set<String> files = new LinkedHashSet<>();
      for (String page : storage.source(volume.sourceUri(), volume.volumeId()).list().pages())
        files.add(PageRef.parse(page).file());
      for (String file : files) items.add(new Item(volume, from, file, true));
    }
    if (marker) items.add(new Item(volume, from, VolumeOutputs.SUCCESS, false));
    return items;
  }

  private byte[] image(Item item) throws IOException {
    try (PageFile file =
        storage.source(item.volume().sourceUri(), item.volume().volumeId()).fetch(item.name())) {
      return Files.readAllBytes(file.path());
    } catch (BadImageException e) {
      return null; // gone from the source since it was OCRed; the results still say what it was
    }
  }

  /** MD5s of what the destination folder holds already, by relative name. */
  private Map<String, String> md5sOf(ResultFolder target) {
    Map<String, String> md5s = new HashMap<>();
    String location = target.location();
    if (S3Location.isS3(location)) {
      storage
          .s3()
          .listRecursive(S3Location.parse(location))
          .forEach((name, entry) -> md5s.put(name, entry.etag()));
    } else {
      Path dir = Path.of(location);
      if (Files.isDirectory(dir)) {
        try (var files = Files.walk(dir)) {
          for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
            md5s.put(
                dir.relativize(p).toString().replace('\\', '/'),
                Digests.hex("MD5", Files.readAllBytes(p)));
          }
        } catch (IOException e) {
          return Map.of(); // copy everything
        }
      }
    }
    return md5s;
  }

  static String folderName(String outputPrefix) {
    String trimmed = outputPrefix.replaceAll("[/\\\\]+$", "");
    return trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
  }

  /** Each format's own content type (as its writer gives it), then the images'. */
  static String contentType(String name) {
    Optional<String> result = PageWriters.contentTypeOf(name);
    if (result.isPresent()) return result.get();
    if (name.endsWith(".png")) return "image/png";
    if (name.endsWith(".jpg") || name.endsWith(".jpeg")) return "image/jpeg";
    if (name.endsWith(".tif") || name.endsWith(".tiff")) return "image/tiff";
    return "application/octet-stream";
  }
}
