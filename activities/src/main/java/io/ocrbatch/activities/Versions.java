package io.ocrbatch.activities;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Version strings for provenance and the API document. */
public final class Versions {
  private static final String POM_PROPERTIES =
      "/META-INF/maven/io.ocrbatch/ocrbatch-activities/pom.properties";

  private Versions() {}

  /**
   * The build's version: from the Maven metadata packaged in the jar (the shaded jar's manifest has
   * no Implementation-Version), else the manifest's; {@code dev} when run from classes.
   */
  public static String ocrbatch() {
    try (InputStream in = Versions.class.getResourceAsStream(POM_PROPERTIES)) {
      if (in != null) {
        Properties pom = new Properties();
        pom.load(in);
        String version = pom.getProperty("version");
        if (version != null && !version.isBlank()) return version;
      }
    } catch (IOException e) {
      // fall back to the manifest
    }
    String v = Versions.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
