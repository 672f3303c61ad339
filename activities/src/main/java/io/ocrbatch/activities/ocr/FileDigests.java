package io.ocrbatch.activities.ocr;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Model files' digests for provenance, computed once per file and modification time. */
public final class FileDigests {
  private static final Map<String, String> DIGESTS = new ConcurrentHashMap<>();

  private FileDigests() {}

  /** {@code sha256:<hex>} of the file, or null when it cannot be read. */
  public static String sha256(Path file) {
    try {
      String key = file.toAbsolutePath() + "@" + Files.getLastModifiedTime(file).toMillis();
      return DIGESTS.computeIfAbsent(key, k -> compute(file));
    } catch (IOException e) {
      return null;
    }
  }

  private static String compute(Path file) {
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return "sha256:"
          + HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      return null;
    }
  }
}
