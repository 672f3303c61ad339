package io.ocrbatch.activities.storage;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocrbatch.activities.files.Digests;
import io.ocrbatch.activities.files.Json;
import io.ocrbatch.activities.image.BadImageException;
import io.ocrbatch.activities.image.PageImages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A volume of the BDRC archive. Its page list is {@code dimensions.json} in the volume's prefix:
 * gzip-compressed JSON (no {@code .gz} suffix), an array of {@code {filename, width, height, …}} in
 * reading order; entries with an {@code error} key and non-image names are skipped. The version is
 * the first six hex digits of that object's ETag.
 */
final class BdrcArchiveSource implements VolumeSource {
  static final String DIMENSIONS = "dimensions.json";

  private final S3Objects s3;
  private final String bucket;
  private final BdrcVolume volume;

  BdrcArchiveSource(S3Objects s3, String bucket, BdrcVolume volume) {
    this.s3 = s3;
    this.bucket = bucket;
    this.volume = volume;
  }

  private S3Location folder() {
    return new S3Location(bucket, volume.archivePrefix());
  }

  @Override
  public Contents list() throws IOException {
    volume
        .problem()
        .ifPresent(
            p -> {
              throw new VolumeProblem("malformed BDRC volume id '" + volume.volumeId() + "': " + p);
            });
    S3Location manifest = folder().child(DIMENSIONS);
    S3Objects.Fetched fetched;
    try {
      fetched = s3.get(manifest);
    } catch (S3Exception e) {
      if (S3Objects.isDenied(e)) {
        throw new VolumeProblem(
            "access denied reading "
                + manifest
                + " (the worker needs s3:GetObject on the archive bucket)",
            e);
      }
      throw e;
    }
    if (fetched == null) {
      throw new VolumeProblem(
          "BDRC volume "
              + volume.volumeId()
              + " has no "
              + DIMENSIONS
              + " at "
              + manifest
              + " (not in the archive?)");
    }
    List<String> pages = pages(fetched.bytes(), manifest);
    if (pages.isEmpty()) throw new VolumeProblem(manifest + " lists no readable page images");
    String etag = Digests.plainEtag(fetched.etag());
    String version = etag.length() >= 6 ? etag.substring(0, 6) : etag;
    return new Contents(pages, version, etag, volume.volumeId() + "-" + version);
  }

  static List<String> pages(byte[] content, S3Location manifest) {
    JsonNode entries;
    try (InputStream in = gunzipIfNeeded(content)) {
      entries = Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new VolumeProblem(manifest + " is not gzipped JSON: " + e.getMessage(), e);
    }
    if (entries == null || !entries.isArray()) {
      throw new VolumeProblem(manifest + " is not a JSON array of {filename, width, height}");
    }
    List<String> pages = new ArrayList<>();
    for (JsonNode entry : entries) {
      String name = entry.path("filename").asText("");
      if (entry.has("error") || !PageImages.isImageName(name) || name.contains("/")) continue;
      pages.add(name);
    }
    return pages;
  }

  private static InputStream gunzipIfNeeded(byte[] content) throws IOException {
    boolean gzip = content.length > 2 && (content[0] & 0xff) == 0x1f && (content[1] & 0xff) == 0x8b;
    InputStream raw = new ByteArrayInputStream(content);
    return gzip ? new GZIPInputStream(raw) : raw;
  }

  @Override
  public PageFile fetch(String fileName) throws IOException, BadImageException {
    return s3.downloadImage(
        folder().child(fileName), "image listed in " + DIMENSIONS + " but missing");
  }

  @Override
  public boolean remote() {
    return true;
  }

  @Override
  public String describe() {
    return volume.volumeId() + " (" + folder() + ")";
  }
}
