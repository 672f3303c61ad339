package io.ocrbatch.activities.dropfolder;

import io.ocrbatch.activities.fault.BadInputException;
import io.ocrbatch.activities.fault.UserInput;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them: {@code 90d}, {@code 60m}, {@code 2h}, {@code 30s}. */
public final class Durations {
  private static final Pattern FORM = Pattern.compile("(\\d+)\\s*([smhd])");

  private Durations() {}

  /**
   * @param what names the input in the error (an option or a config key)
   */
  public static Duration parse(String text, String what) {
    Matcher m = FORM.matcher(text == null ? "" : text.strip());
    if (!m.matches())
      throw new BadInputException(
          what + ": " + UserInput.quote(text) + " is not a duration like 30s, 60m, 2h or 90d");
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
