package io.ocrbatch.activities.ocr;

/**
 * The checks engine providers make on job-type fields, with the API's way of quoting what a client
 * sent.
 */
public final class FieldRules {
  private static final int MAX_QUOTED = 100;

  private FieldRules() {}

  public static void require(boolean ok, String message) {
    if (!ok) throw new IllegalArgumentException(message);
  }

  /**
   * {@code 'value'}, cut to 100 characters (saying how long it was), control characters shown as
   * '?'.
   */
  public static String quote(String value) {
    if (value == null) return "null";
    String shown = value.length() <= MAX_QUOTED ? value : value.substring(0, MAX_QUOTED) + "…";
    shown = shown.replaceAll("\\p{Cntrl}", "?");
    return "'"
        + shown
        + "'"
        + (value.length() > MAX_QUOTED ? " (" + value.length() + " characters)" : "");
  }
}
