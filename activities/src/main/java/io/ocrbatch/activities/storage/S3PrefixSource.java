package io.ocrbatch.activities.storage;

import io.ocrbatch.activities.files.Digests;
import io.ocrbatch.activities.image.BadImageException;
import io.ocrbatch.activities.image.ImageDecoder;
import io.ocrbatch.activities.image.PageImages;
import io.ocrbatch.activities.image.PageRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The images directly under an S3 prefix, one volume. PDFs and TIFFs are downloaded while listing
 * to count their pages; the version is a digest of the image names and ETags.
 */
final class S3PrefixSource implements VolumeSource {
  private final S3Objects s3;
  private final S3Location folder;
  private final String volumeId;
  private final String onlyFile;

  S3PrefixSource(S3Objects s3, S3Location folder, String volumeId) {
    this(s3, folder, volumeId, null);
  }

  /** With {@code onlyFile}: the volume is that one object of the prefix (a PDF, an image). */
  S3PrefixSource(S3Objects s3, S3Location folder, String volumeId, String onlyFile) {
    this.s3 = s3;
    this.folder = folder;
    this.volumeId = volumeId;
    this.onlyFile = onlyFile;
  }

  @Override
  public Contents list() throws IOException {
    S3Objects.Listing listing;
    try {
      listing = onlyFile != null ? single() : s3.list(folder);
    } catch (S3Exception e) {
      if (S3Objects.isDenied(e))
        throw new VolumeProblem(
            "access denied listing " + describe() + " (the worker needs s3:ListBucket)", e);
      throw e;
    }
    List<String> images =
        listing.objects().keySet().stream()
            .filter(PageImages::isImageName)
            .sorted(PageImages.NATURAL)
            .toList();
    if (images.isEmpty()) {
      throw new VolumeProblem(
          "no page images ("
              + String.join(", ", PageImages.EXTENSIONS)
              + ") under "
              + describe()
              + " (missing or empty prefix)");
    }
    StringBuilder entries = new StringBuilder();
    List<String> pages = new ArrayList<>();
    for (String name : images) {
      entries.append(name).append('|').append(listing.objects().get(name).etag()).append('\n');
      int frames = name.toLowerCase(Locale.ROOT).matches(".*\\.(tiff?|pdf)") ? frameCount(name) : 1;
      if (frames == 1) {
        pages.add(name);
      } else {
        for (int f = 1; f <= frames; f++) pages.add(PageRef.frame(name, f).name());
      }
    }
    return new Contents(pages, Digests.shortSha256(entries.toString()), null, volumeId);
  }

  /**
   * Pages in a PDF or TIFF; download failures propagate (retryable), undecodable files count as one
   * page.
   */
  private int frameCount(String name) throws IOException {
    try (PageFile file = s3.download(folder.child(name))) {
      if (file == null) return 1;
      try {
        return ImageDecoder.imageCount(file.path());
      } catch (IOException | RuntimeException e) {
        return 1; // one page, whose decoding then fails with the reason
      }
    }
  }

  private S3Objects.Listing single() {
    S3Objects.Entry entry = s3.head(folder.child(onlyFile));
    if (entry == null) throw new VolumeProblem("file not found: " + folder.child(onlyFile));
    return new S3Objects.Listing(java.util.Map.of(onlyFile, entry), List.of());
  }

  @Override
  public PageFile fetch(String fileName) throws IOException, BadImageException {
    return s3.downloadImage(folder.child(fileName), "image not found");
  }

  @Override
  public boolean remote() {
    return true;
  }

  @Override
  public String describe() {
    return new S3Location(folder.bucket(), folder.prefix()).toString();
  }
}
