package io.ocrbatch.activities.storage;

import io.ocrbatch.activities.files.Digests;
import io.ocrbatch.activities.image.BadImageException;
import io.ocrbatch.activities.image.ImageUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The few S3 calls ocrbatch makes, with "not there" told apart from "failed, try again". */
public final class S3Objects {
  private static final Path DOWNLOADS =
      Path.of(System.getProperty("java.io.tmpdir"), "ocrbatch-downloads");

  private final S3Client s3;

  /**
   * Removes downloads older than a day: what a killed worker left behind (a running one deletes
   * each file after its page). Returns how many.
   */
  public static int sweepStaleDownloads() {
    if (!Files.isDirectory(DOWNLOADS)) return 0;
    java.time.Instant cutoff = java.time.Instant.now().minus(java.time.Duration.ofDays(1));
    int removed = 0;
    try (var files = Files.list(DOWNLOADS)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)
            && Files.deleteIfExists(file)) removed++;
      }
    } catch (IOException e) {
      return removed; // best effort
    }
    return removed;
  }

  public S3Objects(S3Client s3) {
    this.s3 = s3;
  }

  public S3Client client() {
    return s3;
  }

  /** An object's bytes and ETag. */
  public record Fetched(byte[] bytes, String etag) {}

  /** The object, or null when it (or its bucket) does not exist. */
  public Fetched get(S3Location object) {
    try {
      ResponseBytes<GetObjectResponse> bytes =
          s3.getObject(
              b -> b.bucket(object.bucket()).key(object.key()), ResponseTransformer.toBytes());
      return new Fetched(bytes.asByteArray(), bytes.response().eTag());
    } catch (S3Exception e) {
      if (isMissing(e)) return null;
      throw e;
    }
  }

  /** The object's name, ETag, size and time, or null when it does not exist. */
  public Entry head(S3Location object) {
    try {
      var r = s3.headObject(b -> b.bucket(object.bucket()).key(object.key()));
      return new Entry(
          object.name(), Digests.plainEtag(r.eTag()), r.contentLength(), r.lastModified());
    } catch (S3Exception e) {
      if (isMissing(e)) return null;
      throw e;
    }
  }

  /**
   * Streams the object into a temporary file named after it (decoders look at the extension);
   * returns null when it does not exist.
   */
  public PageFile download(S3Location object) throws IOException {
    Files.createDirectories(DOWNLOADS);
    Path target =
        DOWNLOADS.resolve(
            UUID.randomUUID() + "-" + object.name().replaceAll("[^A-Za-z0-9._-]", "_"));
    try {
      GetObjectResponse response =
          s3.getObject(
              b -> b.bucket(object.bucket()).key(object.key()), ResponseTransformer.toFile(target));
      return new PageFile(target, Digests.plainEtag(response.eTag()), true);
    } catch (S3Exception e) {
      Files.deleteIfExists(target);
      if (isMissing(e)) return null;
      throw e;
    } catch (RuntimeException e) {
      Files.deleteIfExists(target);
      throw e;
    }
  }

  /**
   * A page image: missing, forbidden or archived (Glacier) is that page's failure for now ({@link
   * ImageUnavailableException}, tried again by a later attempt), with the reason; other errors
   * propagate and are retried.
   */
  public PageFile downloadImage(S3Location image, String missingMessage)
      throws IOException, BadImageException {
    try {
      PageFile file = download(image);
      if (file == null) throw new ImageUnavailableException(missingMessage + ": " + image);
      return file;
    } catch (S3Exception e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      if (isDenied(e) || "InvalidObjectState".equals(code)) {
        throw new ImageUnavailableException(
            "cannot read " + image + ": " + code + " (HTTP " + e.statusCode() + ")");
      }
      throw e;
    }
  }

  /** An object directly inside a listed prefix. */
  public record Entry(String name, String etag, long size, Instant lastModified) {}

  /** What is directly inside a prefix: objects (by name) and sub-prefixes (names without slash). */
  public record Listing(Map<String, Entry> objects, List<String> folders) {}

  public Listing list(S3Location folder) {
    Map<String, Entry> objects = new LinkedHashMap<>();
    List<String> folders = new ArrayList<>();
    String prefix = folder.prefix();
    try {
      for (var page :
          s3.listObjectsV2Paginator(b -> b.bucket(folder.bucket()).prefix(prefix).delimiter("/"))) {
        page.contents().forEach(o -> put(objects, prefix, o));
        for (CommonPrefix p : page.commonPrefixes()) {
          folders.add(p.prefix().substring(prefix.length()).replaceAll("/$", ""));
        }
      }
    } catch (S3Exception e) {
      if (isMissing(e)) return new Listing(Map.of(), List.of());
      throw e;
    }
    return new Listing(objects, folders);
  }

  /**
   * The objects directly inside a prefix whose names sort from {@code first} to {@code last}: one
   * listing request for a short range, however many objects the prefix holds.
   */
  public List<Entry> listRange(S3Location folder, String first, String last) {
    String prefix = folder.prefix();
    // StartAfter is exclusive: start after a key just before the first name
    String startAfter = prefix + first.substring(0, first.length() - 1);
    List<Entry> entries = new ArrayList<>();
    try {
      for (var page :
          s3.listObjectsV2Paginator(
              b -> b.bucket(folder.bucket()).prefix(prefix).startAfter(startAfter))) {
        for (S3Object o : page.contents()) {
          String name = o.key().substring(prefix.length());
          if (byteOrder(name, last) > 0) return entries;
          if (!name.contains("/") && byteOrder(name, first) >= 0)
            entries.add(new Entry(name, Digests.plainEtag(o.eTag()), o.size(), o.lastModified()));
        }
      }
    } catch (S3Exception e) {
      if (isMissing(e)) return entries;
      throw e;
    }
    return entries;
  }

  /** S3 lists keys in the order of their UTF-8 bytes. */
  private static int byteOrder(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** Every object under a prefix, at any depth, keyed by its path relative to the prefix. */
  public Map<String, Entry> listRecursive(S3Location folder) {
    Map<String, Entry> objects = new LinkedHashMap<>();
    String prefix = folder.prefix();
    for (var page : s3.listObjectsV2Paginator(b -> b.bucket(folder.bucket()).prefix(prefix))) {
      page.contents().forEach(o -> put(objects, prefix, o));
    }
    return objects;
  }

  /**
   * Files an object by its key relative to the listed prefix (the prefix's own marker object is
   * left out).
   */
  private static void put(Map<String, Entry> objects, String prefix, S3Object o) {
    String name = o.key().substring(prefix.length());
    if (!name.isEmpty())
      objects.put(name, new Entry(name, Digests.plainEtag(o.eTag()), o.size(), o.lastModified()));
  }

  static boolean isMissing(S3Exception e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    return e.statusCode() == 404 || "NoSuchKey".equals(code) || "NoSuchBucket".equals(code);
  }

  static boolean isDenied(S3Exception e) {
    return e.statusCode() == 403;
  }
}
