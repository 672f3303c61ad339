package io.ocrbatch.activities.fault;

/** The innermost cause's message: what an error message should tell a user. */
public final class RootCause {
  private RootCause() {}

  public static String message(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
