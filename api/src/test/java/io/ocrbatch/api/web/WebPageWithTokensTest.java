package io.ocrbatch.api.web;

import io.ocrbatch.activities.samples.SamplePdf;
import io.ocrbatch.activities.statusdb.FoundFile;
import io.ocrbatch.activities.statusdb.StatusStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web page in headless Chromium on a server that needs an access token. */
class WebPageWithTokensTest {
  @TempDir static Path data;
  static ApiHarness api;

  @BeforeAll
  static void start() {
    ChromiumScripts.requireBrowser();
    api = ApiHarness.start(data.resolve("server"), s -> s.withTokens(List.of("s3cret-token")));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void thePageAsksForTheTokenOnceAndEveryViewWorksWithIt() throws Exception {
    String key = api.submitJobWithMissingVolume("web-token-listed");
    StatusStore.over(api.db.database().jdbc())
        .files()
        .register(
            "watch:token",
            0,
            List.of(
                new FoundFile(
                    "TokenPub", "a.pdf", "s3://drops/TokenPub/a.pdf", 10, "pdf", null, "e", 1)));
    Path pdf = data.resolve("letter.pdf");
    SamplePdf.writeEnglish(pdf, 1);

    ChromiumScripts.run(api, "with-token.mjs", "s3cret-token", pdf.toString(), key, "TokenPub");
  }
}
