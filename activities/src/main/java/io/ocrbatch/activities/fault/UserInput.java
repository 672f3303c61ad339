package io.ocrbatch.activities.fault;

/** Quoting what a client sent inside an error message: never more than a glance of it. */
public final class UserInput {
  public static final int MAX_QUOTED = 100;

  private UserInput() {}

  /**
   * {@code 'value'}, cut to 100 characters (saying how long it was) and with control characters
   * shown as '?'.
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
