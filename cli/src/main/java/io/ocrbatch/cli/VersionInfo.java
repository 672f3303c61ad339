package io.ocrbatch.cli;

import io.ocrbatch.activities.Versions;
import io.ocrbatch.activities.ocr.tesseract.TesseractEngine;
import java.util.function.Supplier;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version} of every command: ocrbatch and the libraries whose versions decide results
 * (Temporal SDK, Tesseract, DJL) and the JVM.
 */
final class VersionInfo implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "ocrbatch " + Versions.ocrbatch(),
      "Temporal SDK " + of(() -> io.temporal.serviceclient.Version.LIBRARY_VERSION),
      "Tesseract " + of(TesseractEngine::libraryVersion),
      "DJL " + of(ai.djl.engine.Engine::getDjlVersion),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
    };
  }

  /** A version, or why it is unknown: a library that cannot load must not stop --version. */
  private static String of(Supplier<String> version) {
    try {
      String v = version.get();
      return v == null || v.isBlank() ? "unknown" : v;
    } catch (RuntimeException | LinkageError e) {
      return "unavailable (" + e + ")";
    }
  }
}
