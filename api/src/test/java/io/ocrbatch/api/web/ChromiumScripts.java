package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the web-page cases of {@code web-test/} (playwright-core driving Debian's headless {@code
 * chromium}) against a server.
 */
final class ChromiumScripts {
  private static final Path SCRIPT_DIR = Path.of("..", "web-test").toAbsolutePath().normalize();

  private ChromiumScripts() {}

  /** Fails at once, saying what to install, when Chromium or playwright-core is missing. */
  static void requireBrowser() {
    Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    assertThat(chromium)
        .as("headless Chromium (apt-get install -y chromium; bin/test installs it)")
        .isExecutable();
    assertThat(SCRIPT_DIR.resolve("node_modules/playwright-core"))
        .as("playwright-core (cd web-test && npm ci; bin/test does it)")
        .isDirectory();
  }

  /** Runs {@code web-test/SCRIPT BASE_URL ARGS…} in node; returns its output once it passed. */
  static String run(ApiHarness api, String script, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("node", script, api.url("/")));
    command.addAll(List.of(args));
    Process node =
        new ProcessBuilder(command)
            .directory(SCRIPT_DIR.toFile())
            .redirectErrorStream(true)
            .start();
    boolean ended = node.waitFor(170, TimeUnit.SECONDS);
    if (!ended) node.destroyForcibly();
    String output = new String(node.getInputStream().readAllBytes());
    System.out.println(script + ":\n" + output);
    assertThat(ended).as(script + " finished in time; output:\n" + output).isTrue();
    assertThat(node.exitValue()).as(script + " output:\n" + output).isZero();
    assertThat(output).contains("\"ok\":true");
    return output;
  }
}
