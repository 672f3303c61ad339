package io.ocrbatch.activities.storage;

import io.ocrbatch.activities.files.Digests;
import io.ocrbatch.activities.image.BadImageException;
import io.ocrbatch.activities.image.ImageUnavailableException;
import io.ocrbatch.activities.image.PageImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A volume folder on local disk: each image is a page, each PDF page and TIFF frame too. Every file
 * is judged against the job's {@link FolderRoots} when it is read; messages name the volume and its
 * files as the job knows them, never the server's paths.
 */
final class LocalFolderSource implements VolumeSource {
  private final Path folder;
  private final String volumeId;
  private final String onlyFile;
  private final FolderRoots roots;

  /** With {@code onlyFile}: the volume is that one file of the folder (a PDF, an image). */
  LocalFolderSource(Path folder, String volumeId, String onlyFile, FolderRoots roots) {
    this.folder = folder;
    this.volumeId = volumeId;
    this.onlyFile = onlyFile;
    this.roots = roots;
  }

  @Override
  public Contents list() throws IOException {
    Path here =
        roots
            .admit(folder)
            .orElseThrow(
                () ->
                    new VolumeProblem(
                        "volume '"
                            + volumeId
                            + "' leads outside the folders this job may read (a symbolic link?)"));
    if (!Files.isDirectory(here))
      throw new VolumeProblem("volume '" + volumeId + "': folder not found");
    List<String> files =
        onlyFile == null
            ? PageImages.list(here)
            : Files.isRegularFile(here.resolve(onlyFile)) ? List.of(onlyFile) : List.of();
    if (files.isEmpty()) {
      throw new VolumeProblem(
          "volume '"
              + volumeId
              + "': no page images ("
              + String.join(", ", PageImages.EXTENSIONS)
              + ") in its folder");
    }
    StringBuilder entries = new StringBuilder();
    List<String> pages = new ArrayList<>();
    for (String name : files) {
      Path file = here.resolve(name);
      boolean readable = roots.allows(file); // one outside is not opened: its page fails alone
      BasicFileAttributes attributes =
          readable
              ? Files.readAttributes(file, BasicFileAttributes.class)
              : Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      entries
          .append(name)
          .append('|')
          .append(attributes.size())
          .append('|')
          .append(attributes.lastModifiedTime().toMillis())
          .append('\n');
      pages.addAll(readable ? PageImages.pages(here, List.of(name)) : List.of(name));
    }
    return new Contents(pages, Digests.shortSha256(entries.toString()), null, volumeId);
  }

  @Override
  public PageFile fetch(String fileName) throws BadImageException {
    Optional<Path> file = roots.admit(folder.resolve(fileName));
    if (file.isEmpty())
      throw new BadImageException(
          "'" + fileName + "' leads outside the folders this job may read (a symbolic link?)");
    if (!Files.isRegularFile(file.get()))
      throw new ImageUnavailableException("image file '" + fileName + "' not found");
    return PageFile.local(file.get());
  }

  @Override
  public boolean remote() {
    return false;
  }

  @Override
  public String describe() {
    return "'" + volumeId + "'";
  }
}
