package io.ocrbatch.activities.storage;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.sync.RequestBody;

/** Results under an S3 prefix. A PUT is atomic, so readers never see half an object. */
final class S3ResultFolder implements ResultFolder {
  private final S3Objects s3;
  private final S3Location folder;

  S3ResultFolder(S3Objects s3, S3Location folder) {
    this.s3 = s3;
    this.folder = folder;
  }

  @Override
  public String location() {
    return new S3Location(folder.bucket(), folder.prefix()).toString();
  }

  @Override
  public ResultFolder child(String name) {
    return new S3ResultFolder(s3, folder.child(name));
  }

  @Override
  public Map<String, Instant> files() {
    Map<String, Instant> files = new LinkedHashMap<>();
    s3.list(folder).objects().values().forEach(e -> files.put(e.name(), e.lastModified()));
    return files;
  }

  /** One listing of the key range the names span (a chunk's pages sit side by side). */
  @Override
  public Map<String, Instant> files(Collection<String> names) {
    Map<String, Instant> files = new HashMap<>();
    if (names.isEmpty()) return files;
    Set<String> wanted = Set.copyOf(names);
    String first = Collections.min(wanted);
    String last = Collections.max(wanted);
    s3.listRange(folder, first, last)
        .forEach(
            e -> {
              if (wanted.contains(e.name())) files.put(e.name(), e.lastModified());
            });
    return files;
  }

  @Override
  public Optional<byte[]> read(String name) {
    return Optional.ofNullable(s3.get(folder.child(name))).map(S3Objects.Fetched::bytes);
  }

  @Override
  public void write(String name, byte[] content, String contentType) {
    S3Location object = folder.child(name);
    s3.client()
        .putObject(
            b -> b.bucket(object.bucket()).key(object.key()).contentType(contentType),
            RequestBody.fromBytes(content));
  }

  @Override
  public void write(String name, java.nio.file.Path content, String contentType) {
    S3Location object = folder.child(name);
    s3.client()
        .putObject(
            b -> b.bucket(object.bucket()).key(object.key()).contentType(contentType),
            RequestBody.fromFile(content));
  }
}
