package io.ocrbatch.activities.storage;

import io.ocrbatch.activities.files.Digests;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A volume of the BDRC archive: work {@code W…} and image group {@code I…}. Its images live under
 * {@code Works/{md5hex(W)[0:2]}/{W}/images/{W}-{suffix}/}, suffix being the I id without its
 * leading {@code I} when it is {@code I} and four digits, else the whole I id. As a volume source
 * it is written {@code bdrc://bucket/W/I}; the ids are checked when the volume is listed, so a
 * malformed id fails its task with the reason instead of refusing the whole job.
 */
public record BdrcVolume(String workId, String imageGroupId) {
  public static final String SCHEME = "bdrc://";
  private static final Pattern WORK = Pattern.compile("W[A-Z0-9_]+");
  private static final Pattern IMAGE_GROUP = Pattern.compile("I[A-Z0-9_]+");
  private static final Pattern SHORT_IMAGE_GROUP = Pattern.compile("I\\d{4}");
  private static final Pattern VOLUME_ID = Pattern.compile("(W[A-Z0-9_]+)-(I[A-Z0-9_]+)");
  private static final Pattern INTENDED_ID = Pattern.compile("(?i)W\\d[^/\\\\\\s]*-[^/\\\\]*");

  /** {@code W22084-I0886} style ids. */
  public static boolean looksLikeVolumeId(String id) {
    return id != null && VOLUME_ID.matcher(id).matches();
  }

  public static BdrcVolume parseVolumeId(String id) {
    var m = VOLUME_ID.matcher(id);
    if (!m.matches()) throw new IllegalArgumentException(malformedMessage(id));
    return new BdrcVolume(m.group(1), m.group(2));
  }

  /**
   * A name meant as a BDRC id but not one: {@code W}, a digit, then a dash ({@code W22308-XYZ}), no
   * path separator.
   */
  public static boolean looksMeantAsVolumeId(String name) {
    return name != null && INTENDED_ID.matcher(name).matches() && !looksLikeVolumeId(name);
  }

  /** Why {@code id} is refused, with the expected form. */
  public static String malformedMessage(String id) {
    return "malformed BDRC volume id '"
        + id
        + "': expected W<work id>-I<image group id> in capitals, digits or _,"
        + " like W22084-I0886 or W22308-I1KG9611";
  }

  public static boolean isBdrcUri(String uri) {
    return uri != null && uri.startsWith(SCHEME);
  }

  /** The bucket and volume of a {@code bdrc://bucket/W/I} source, unchecked. */
  public static Optional<Located> fromUri(String uri) {
    if (!isBdrcUri(uri)) return Optional.empty();
    String[] parts = uri.substring(SCHEME.length()).split("/", -1);
    if (parts.length != 3) return Optional.empty();
    try {
      return Optional.of(new Located(parts[0], new BdrcVolume(decode(parts[1]), decode(parts[2]))));
    } catch (IllegalArgumentException badEscape) {
      return Optional.empty();
    }
  }

  /** A BDRC volume in a bucket. */
  public record Located(String bucket, BdrcVolume volume) {}

  public String sourceUri(String bucket) {
    return SCHEME + bucket + "/" + encode(workId) + "/" + encode(imageGroupId);
  }

  /** {@code W22084-I0886}: the volume id, also the stem of its result folder name. */
  public String volumeId() {
    return workId + "-" + imageGroupId;
  }

  /** Why this is not a valid BDRC volume, or empty when it is. */
  public Optional<String> problem() {
    if (workId == null || !WORK.matcher(workId).matches()) {
      return Optional.of(
          "work id '" + workId + "' must be W followed by capital letters, digits or _");
    }
    if (imageGroupId == null || !IMAGE_GROUP.matcher(imageGroupId).matches()) {
      return Optional.of(
          "image group id '"
              + imageGroupId
              + "' must be I followed by capital letters, digits or _");
    }
    return Optional.empty();
  }

  /** {@code Works/60/W22084/images/W22084-0886/} for W22084/I0886. */
  public String archivePrefix() {
    String suffix =
        SHORT_IMAGE_GROUP.matcher(imageGroupId).matches()
            ? imageGroupId.substring(1)
            : imageGroupId;
    return "Works/"
        + md5Hex(workId).substring(0, 2)
        + "/"
        + workId
        + "/images/"
        + workId
        + "-"
        + suffix
        + "/";
  }

  private static String md5Hex(String text) {
    return Digests.hex("MD5", text.getBytes(StandardCharsets.UTF_8));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
