package io.ocrbatch.activities.files;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Short content digests used as volume versions. */
public final class Digests {
  private Digests() {}

  public static String shortSha256(String text) {
    return hex("SHA-256", text.getBytes(StandardCharsets.UTF_8)).substring(0, 6);
  }

  public static String hex(String algorithm, byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An S3 ETag without quotes and without a multipart {@code -N} suffix. */
  public static String plainEtag(String etag) {
    if (etag == null) return null;
    String plain = etag.replace("\"", "");
    int dash = plain.indexOf('-');
    return dash >= 0 ? plain.substring(0, dash) : plain;
  }
}
