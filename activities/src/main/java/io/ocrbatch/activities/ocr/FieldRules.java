package io.ocrbatch.activities.ocr;

/**
 * The checks engine providers make on job-type fields, with the API's way of quoting what a client
 * sent.
 */
public final class FieldRules {
  private FieldRules() {}

  public static void require(boolean ok, String message) {
    if (!ok) throw new IllegalArgumentException(message);
  }

  /**
   * {@code 'value'}, cut to 100 characters (saying how long it was), control characters shown as
   * '?'.
   */
  public static String quote(String value) {
    return io.ocrbatch.activities.fault.UserInput.quote(value);
  }
}
