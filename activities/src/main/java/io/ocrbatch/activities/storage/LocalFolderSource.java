package io.ocrbatch.activities.storage;

import io.ocrbatch.activities.files.Digests;
import io.ocrbatch.activities.image.BadImageException;
import io.ocrbatch.activities.image.ImageUnavailableException;
import io.ocrbatch.activities.image.PageImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A volume folder on local disk: each image is a page, each PDF page and TIFF frame too. */
final class LocalFolderSource implements VolumeSource {
  private final Path folder;
  private final String volumeId;
  private final String onlyFile;

  LocalFolderSource(Path folder, String volumeId) {
    this(folder, volumeId, null);
  }

  /** With {@code onlyFile}: the volume is that one file of the folder (a PDF, an image). */
  LocalFolderSource(Path folder, String volumeId, String onlyFile) {
    this.folder = folder;
    this.volumeId = volumeId;
    this.onlyFile = onlyFile;
  }

  @Override
  public Contents list() throws IOException {
    if (!Files.isDirectory(folder)) throw new VolumeProblem("volume folder not found: " + folder);
    List<String> files =
        onlyFile == null
            ? PageImages.list(folder)
            : Files.isRegularFile(folder.resolve(onlyFile)) ? List.of(onlyFile) : List.of();
    if (files.isEmpty()) {
      throw new VolumeProblem(
          "no page images ("
              + String.join(", ", PageImages.EXTENSIONS)
              + ") in volume folder "
              + folder);
    }
    StringBuilder entries = new StringBuilder();
    for (String name : files) {
      Path file = folder.resolve(name);
      entries
          .append(name)
          .append('|')
          .append(Files.size(file))
          .append('|')
          .append(Files.getLastModifiedTime(file).toMillis())
          .append('\n');
    }
    return new Contents(
        PageImages.pages(folder, files), Digests.shortSha256(entries.toString()), null, volumeId);
  }

  @Override
  public PageFile fetch(String fileName) throws BadImageException {
    Path file = folder.resolve(fileName);
    if (!Files.isRegularFile(file))
      throw new ImageUnavailableException("image file not found: " + file);
    return PageFile.local(file);
  }

  @Override
  public boolean remote() {
    return false;
  }

  @Override
  public String describe() {
    return folder.toString();
  }
}
