package io.ocrbatch.activities.intake;

import io.ocrbatch.activities.fault.BadInputException;
import io.ocrbatch.activities.fault.UserInput;
import io.ocrbatch.workflows.VolumeRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Job keys like {@code J20261122_a1b2c3d4}: the day, and a hash of the job type and the sorted
 * volume sources, so submitting the same volumes twice on a day finds the first job.
 */
public final class JobKeys {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  private JobKeys() {}

  public static String generate(LocalDate day, String jobType, List<VolumeRef> volumes) {
    List<String> sources = volumes.stream().map(VolumeRef::sourceUri).sorted().toList();
    String material = jobType + "\n" + String.join("\n", sources);
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
      return "J"
          + day.format(DateTimeFormatter.BASIC_ISO_DATE)
          + "_"
          + HexFormat.of().formatHex(hash).substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A caller's key must be usable as a Temporal workflow id and a folder-safe name. */
  public static String validate(String key) {
    if (!VALID.matcher(key).matches()) {
      throw new BadInputException(
          "invalid job key "
              + UserInput.quote(key)
              + ": use 1-128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
    }
    return key;
  }
}
