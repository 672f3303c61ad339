package io.ocrbatch.activities;

/** Version strings for provenance. */
public final class Versions {
  private Versions() {}

  public static String ocrbatch() {
    String v = Versions.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
