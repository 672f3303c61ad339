package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.samples.SamplePdf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web page in a real headless Chromium (Debian's {@code chromium}): each case is a script in
 * {@code web-test/} driven with playwright-core against one server. The upload's screenshot is kept
 * in {@code api/target/web-test/upload.png}.
 */
class WebPageTest {
  private static final Path SCRIPT_DIR = Path.of("..", "web-test").toAbsolutePath().normalize();
  @TempDir static Path data;
  static ApiHarness api;

  @BeforeAll
  static void start() {
    Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    assertThat(chromium)
        .as("headless Chromium (apt-get install -y chromium; bin/test installs it)")
        .isExecutable();
    assertThat(SCRIPT_DIR.resolve("node_modules/playwright-core"))
        .as("playwright-core (cd web-test && npm ci; bin/test does it)")
        .isDirectory();
    api = ApiHarness.start(data.resolve("server"));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void aLibrarianUploadsAPdfAndSeesItsTextBesideThePageAndItsNameInTheJobsList() throws Exception {
    Path pdf = data.resolve("letter.pdf");
    List<List<String>> truth = SamplePdf.writeEnglish(pdf, 2);
    String word =
        Arrays.stream(String.join(" ", truth.get(0)).split("\\W+"))
            .max((a, b) -> a.length() - b.length())
            .orElseThrow();
    Path screenshot =
        Files.createDirectories(Path.of("target", "web-test").toAbsolutePath())
            .resolve("upload.png");
    Files.deleteIfExists(screenshot);

    assertThat(inChromium("upload.mjs", pdf.toString(), screenshot.toString(), word))
        .contains("\"pages\":2", "\"listedAs\":\"letter.pdf\"");
    assertThat(Files.size(screenshot)).as("screenshot").isGreaterThan(10_000);
  }

  @Test
  void aRejectedUploadClearsThePreviousJobsBarAndResult() throws Exception {
    Path good = data.resolve("good.pdf");
    SamplePdf.writeEnglish(good, 1);
    Path bad = Files.writeString(data.resolve("notes.pdf"), "hello, not a PDF");
    inChromium("rejected-upload.mjs", good.toString(), bad.toString());
  }

  @Test
  void aFailedJobShowsItsReasonAndNoFullGreenBar() throws Exception {
    String key = api.submitJobWithMissingVolume("web-failed");
    api.awaitField("/api/jobs/" + key, "status", java.time.Duration.ofSeconds(60), "failed");
    inChromium("failed-job.mjs", key, "not found");
  }

  @Test
  void aFailedJobIsRestartedFromTheJobsListOnceItsVolumeIsThere() throws Exception {
    String key = api.submitJobWithMissingVolume("web-restart");
    api.awaitField("/api/jobs/" + key, "status", java.time.Duration.ofSeconds(60), "failed");
    SamplePdf.writeEnglish(api.data.resolve("missing-volumes").resolve(key).resolve("book.pdf"), 1);
    inChromium("restart-job.mjs", key);
  }

  @Test
  void theJobsListShowsAPageAtATime() throws Exception {
    for (int i = 1; i <= 11; i++) api.submitJobWithMissingVolume("web-paging-" + i);
    inChromium("jobs-paging.mjs", "web-paging-1");
  }

  @Test
  void theFilesViewShowsEachPublisherAndRetriesItsFailedFiles() throws Exception {
    var files = io.ocrbatch.activities.statusdb.StatusStore.over(api.db.database().jdbc()).files();
    List<io.ocrbatch.activities.statusdb.FoundFile> found = new ArrayList<>();
    for (String name : List.of("a.pdf", "b.pdf", "c.pdf"))
      found.add(
          new io.ocrbatch.activities.statusdb.FoundFile(
              "WebPub", name, "s3://drops/WebPub/" + name, 10, "pdf", null, "e", 1));
    files.register("watch:web", 0, found);
    var taken = files.claim("watch:web", 1, java.time.Duration.ofHours(1));
    files.failed(taken.get(0).id(), "bad scan");
    inChromium("files-view.mjs", "WebPub");
  }

  @Test
  void modelsAreShownWithTheirLanguage() throws Exception {
    inChromium("models.mjs");
  }

  @Test
  void anEventSourceOnAnUnknownJobGetsAnErrorEventItCanParse() throws Exception {
    inChromium("stream-unknown.mjs");
  }

  /** Runs {@code web-test/SCRIPT BASE_URL ARGS…} in node; returns its output once it passed. */
  private static String inChromium(String script, String... args) throws Exception {
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
