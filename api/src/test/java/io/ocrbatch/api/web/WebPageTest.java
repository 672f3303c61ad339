package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.samples.SamplePdf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web page in a real headless Chromium (Debian's {@code chromium}, driven by
 * {@code web-test/upload.mjs} with playwright-core): upload a rendered PDF, watch progress reach
 * 100%, see a recognised word beside the page. The screenshot is kept in
 * {@code api/target/web-test/upload.png}.
 */
class WebPageTest {
  private static final Path SCRIPT_DIR = Path.of("..", "web-test").toAbsolutePath().normalize();
  @TempDir Path data;

  @Test
  void aLibrarianUploadsAPdfAndSeesItsTextBesideThePage() throws Exception {
    Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    assertThat(chromium).as("headless Chromium (apt-get install -y chromium; bin/test installs it)").isExecutable();
    assertThat(SCRIPT_DIR.resolve("node_modules/playwright-core"))
        .as("playwright-core (cd web-test && npm ci; bin/test does it)").isDirectory();

    Path pdf = data.resolve("letter.pdf");
    List<List<String>> truth = SamplePdf.writeEnglish(pdf, 2);
    String word = Arrays.stream(String.join(" ", truth.get(0)).split("\\W+")).max((a, b) -> a.length() - b.length()).orElseThrow();
    Path screenshot = Files.createDirectories(Path.of("target", "web-test").toAbsolutePath()).resolve("upload.png");
    Files.deleteIfExists(screenshot);

    try (ApiHarness api = ApiHarness.start(data.resolve("server"))) {
      Process node =
          new ProcessBuilder("node", "upload.mjs", api.url("/"), pdf.toString(), screenshot.toString(), word)
              .directory(SCRIPT_DIR.toFile())
              .redirectErrorStream(true)
              .start();
      String output;
      boolean ended = node.waitFor(180, TimeUnit.SECONDS);
      if (!ended) node.destroyForcibly();
      output = new String(node.getInputStream().readAllBytes());
      System.out.println(output);
      assertThat(ended).as("the browser test finished in time; output:\n" + output).isTrue();
      assertThat(node.exitValue()).as("browser test output:\n" + output).isZero();
      assertThat(output).contains("\"ok\":true", "\"pages\":2");
    }
    assertThat(Files.size(screenshot)).as("screenshot").isGreaterThan(10_000);
  }
}
