package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.samples.SamplePdf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
  @TempDir static Path data;
  static ApiHarness api;

  @BeforeAll
  static void start() {
    ChromiumScripts.requireBrowser();
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
  void anUploadWhosePagesAllFailedIsRedAndOneWithAFailedPageAmber() throws Exception {
    Path allFailed = data.resolve("all-failed.pdf");
    OversizedPagePdf.write(allFailed, 0);
    Path oneFailed = data.resolve("one-failed.pdf");
    OversizedPagePdf.write(oneFailed, 1);
    inChromium("failed-uploads.mjs", allFailed.toString(), oneFailed.toString());
  }

  @Test
  void aLongResultComesTenPagesAtATimeViewBringsItIntoSightAndCancelAsksFirst() throws Exception {
    var store = io.ocrbatch.activities.statusdb.StatusStore.over(api.db.database().jdbc());
    if (store.jobTypes().byName("null-web").isEmpty())
      store
          .jobTypes()
          .create(
              new io.ocrbatch.workflows.JobTypeSpec(
                  0, "null-web", "null", "text", "eng", "unicode", "line", List.of("txt", "json")),
              "no OCR: fast pages");
    Path pdf = data.resolve("long-report.pdf");
    SamplePdf.writeEnglish(pdf, 23);
    Path scans = data.resolve("paused-scans");
    List<io.ocrbatch.workflows.VolumeRef> volumes = new ArrayList<>();
    for (String v : List.of("v1", "v2")) {
      SamplePdf.writeEnglish(scans.resolve(v).resolve("book.pdf"), 4);
      volumes.add(new io.ocrbatch.workflows.VolumeRef(v, scans.resolve(v).toUri().toString()));
    }
    api.jobs.submit(
        new io.ocrbatch.api.JobRequest(
            "tesseract-eng", volumes, "web-paused", data.resolve("results").toString(), 1, 300));
    api.postEmpty("/api/jobs/web-paused/pause");
    api.awaitField("/api/jobs/web-paused", "status", java.time.Duration.ofSeconds(30), "paused");

    inChromium("result-pages.mjs", pdf.toString(), "null-web", "web-paused");
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

  @Test
  void anEventSourceLeftOpenAfterCloseGetsNoDataLessErrorAndDoesNotReconnect() throws Exception {
    inChromium("stream-kept-open.mjs");
  }

  private static String inChromium(String script, String... args) throws Exception {
    return ChromiumScripts.run(api, script, args);
  }
}
