package io.ocrbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocrbatch.activities.fault.ExitCode;
import io.ocrbatch.activities.samples.CharacterErrorRate;
import io.ocrbatch.activities.samples.PageRenderer;
import io.ocrbatch.activities.samples.SampleTexts;
import io.ocrbatch.activities.testing.SharedData;
import io.ocrbatch.activities.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main command, in process: real Temporal, PostgreSQL, Tesseract and files. */
class OcrCommandEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void ocrsAFolderOfEnglishVolumesAndABadPageFailsAlone() throws Exception {
    Path scans = dir.resolve("scans");
    List<String> truth =
        new ArrayList<>(CliTestSupport.englishVolume(scans.resolve("vol-a"), 3, 0));
    truth.addAll(CliTestSupport.englishVolume(scans.resolve("vol-b"), 2, 120));
    Files.writeString(scans.resolve("vol-b/page-999.png"), "not an image");
    Path out = dir.resolve("out");

    int exit =
        OcrbatchCli.run(
            "ocr",
            scans.toString(),
            "--out",
            out.toString(),
            "--data",
            dir.resolve("data").toString(),
            "--job-key",
            "E2E-ENG");

    assertThat(exit).as("some pages failed").isEqualTo(ExitCode.PAGES_FAILED.code());
    Path volA = out.resolve("tesseract-eng/vol-a");
    Path volB = out.resolve("tesseract-eng/vol-b");
    StringBuilder recognised = new StringBuilder();
    for (Path vol : List.of(volA, volB)) {
      for (int i = 1; i <= (vol == volA ? 3 : 2); i++) {
        recognised
            .append(Files.readString(vol.resolve(String.format("page-%03d.txt", i))))
            .append('\n');
        JsonNode page = JSON.readTree(vol.resolve(String.format("page-%03d.json", i)).toFile());
        assertThat(page.path("lines").size()).isPositive();
        JsonNode word = page.path("lines").get(0).path("words").get(0);
        assertThat(word.path("bbox").size()).isEqualTo(4);
        assertThat(word.path("confidence").asDouble()).isPositive();
      }
    }
    double cer = CharacterErrorRate.of(String.join("\n", truth), recognised.toString());
    System.out.printf("End-to-end English CER: %.2f%% over %d pages%n", cer * 100, truth.size());
    assertThat(cer).as("English character error rate").isLessThanOrEqualTo(0.02);

    JsonNode manifest = JSON.readTree(volB.resolve("manifest.json").toFile());
    assertThat(manifest.path("engine_version").asText()).startsWith("tesseract 5");
    assertThat(manifest.path("failed_pages").asInt()).isEqualTo(1);
    assertThat(manifest.path("pages").toString())
        .contains("page-999.png")
        .contains("not a supported image");
    JsonNode success = JSON.readTree(volA.resolve("success.json").toFile());
    assertThat(success.path("job_type").asText()).isEqualTo("tesseract-eng");
    assertThat(volB.resolve("page-999.json")).doesNotExist();

    // Running the same job key again returns the finished job and redoes nothing.
    FileTime before = Files.getLastModifiedTime(volA.resolve("page-001.json"));
    int again =
        OcrbatchCli.run(
            "ocr",
            scans.toString(),
            "--out",
            out.toString(),
            "--data",
            dir.resolve("data").toString(),
            "--job-key",
            "E2E-ENG");
    assertThat(again).isEqualTo(ExitCode.PAGES_FAILED.code());
    assertThat(Files.getLastModifiedTime(volA.resolve("page-001.json"))).isEqualTo(before);

    // sync copies the finished job's results and images in the same layout, then skips what is
    // there.
    Path mirror = dir.resolve("mirror");
    assertThat(
            OcrbatchCli.run(
                "sync",
                "--job-key",
                "E2E-ENG",
                "--to",
                mirror.toString(),
                "--data",
                dir.resolve("data").toString()))
        .isZero();
    Path mirroredA = mirror.resolve("tesseract-eng/vol-a");
    assertThat(mirroredA.resolve("page-002.txt"))
        .hasSameTextualContentAs(volA.resolve("page-002.txt"));
    assertThat(mirroredA.resolve("images/page-001.png"))
        .hasSameBinaryContentAs(scans.resolve("vol-a/page-001.png"));
    assertThat(mirroredA.resolve("success.json")).exists();
    assertThat(mirror.resolve("tesseract-eng/vol-b/config.json"))
        .content()
        .contains("\"engine\" : \"tesseract\"");
    FileTime synced = Files.getLastModifiedTime(mirroredA.resolve("page-002.txt"));
    assertThat(
            OcrbatchCli.run(
                "sync",
                "--job-key",
                "latest",
                "--to",
                mirror.toString(),
                "--skip-images",
                "--quiet",
                "--data",
                dir.resolve("data").toString()))
        .isZero();
    assertThat(Files.getLastModifiedTime(mirroredA.resolve("page-002.txt")))
        .as("identical files are not copied again")
        .isEqualTo(synced);
    assertThat(
            OcrbatchCli.run(
                "sync",
                "--job-key",
                "NOPE",
                "--to",
                mirror.toString(),
                "--data",
                dir.resolve("data").toString()))
        .isEqualTo(ExitCode.COULD_NOT_RUN.code());
  }

  @Test
  void ocrsTibetanPagesWithTheTibetanJobType() throws Exception {
    Path volume = Files.createDirectories(dir.resolve("pecha"));
    List<String> syllables = SampleTexts.tibetanSyllables(400);
    PageRenderer renderer = new PageRenderer(PageRenderer.TIBETAN_MACHINE, 56f, 1748, 700);
    StringBuilder truth = new StringBuilder();
    for (int i = 1; i <= 2; i++) {
      PageRenderer.Page page = renderer.render(syllables, "", 1.6);
      ImageIO.write(page.image(), "png", volume.resolve("p" + i + ".png").toFile());
      truth.append(String.join("\n", page.lines())).append('\n');
    }
    Path results = ocrTibetan(volume);
    String recognised =
        Files.readString(results.resolve("p1.txt")) + Files.readString(results.resolve("p2.txt"));
    double cer = CharacterErrorRate.ignoringSpaces(truth.toString(), recognised);
    System.out.printf("End-to-end Tibetan CER: %.2f%% over 2 pages%n", cer * 100);
    assertThat(cer).as("Tibetan character error rate").isLessThanOrEqualTo(0.05);
  }

  @Test
  void readsARealWoodblockPechaLineByLineWithTheTibetanJobType() throws Exception {
    Path volume = Files.createDirectories(dir.resolve("pecha"));
    Files.copy(SharedData.pechaPage("img_2.png"), volume.resolve("img_2.png"));
    Path results = ocrTibetan(volume);
    String read = Files.readString(results.resolve("img_2.txt"));
    double cer =
        CharacterErrorRate.ignoringSpaces(
            Files.readString(SharedData.pechaPage("img_2.gt.txt")), read);
    System.out.printf("Woodblock pecha CER: %.2f%%%n", cer * 100);
    assertThat(cer)
        .as("CER, whitespace ignored (the page read as one block: 92 %)")
        .isLessThan(0.40);
    assertThat(read.strip().lines()).as("the page's 7 lines").hasSize(7);
    assertThat(Files.readString(results.resolve("config.json"))).contains("tesseract-lines");
  }

  /** Runs {@code ocr} with the Tibetan job type on the volume; its results' folder. */
  private Path ocrTibetan(Path volume) {
    Path out = dir.resolve("out");
    int exit =
        OcrbatchCli.run(
            "ocr",
            volume.toString(),
            "--type",
            "tesseract-bod-unicode",
            "--out",
            out.toString(),
            "--data",
            dir.resolve("data").toString());
    assertThat(exit).isEqualTo(ExitCode.OK.code());
    return out.resolve("tesseract-bod-unicode").resolve(volume.getFileName());
  }

  @Test
  void runsAgainstAnExternalPostgresGivenByUrl() throws Exception {
    CliTestSupport.englishVolume(dir.resolve("scans/vol"), 1, 0);
    try (TestDatabases.Fresh db = TestDatabases.fresh()) {
      int exit =
          OcrbatchCli.run(
              "ocr",
              dir.resolve("scans").toString(),
              "--out",
              dir.resolve("out").toString(),
              "--db-url",
              db.database().url(),
              "--job-key",
              "EXTERNAL");

      assertThat(exit).isEqualTo(ExitCode.OK.code());
      assertThat(
              db.database()
                  .jdbc()
                  .queryOne(
                      "SELECT status FROM jobs WHERE job_key = 'EXTERNAL'", rs -> rs.getString(1)))
          .contains("completed");
      assertThat(
              db.database()
                  .jdbc()
                  .queryLong("SELECT count(*) FROM page_metrics WHERE status = 'ok'"))
          .isEqualTo(1);
      assertThat(dir.resolve("data")).doesNotExist(); // no embedded database was started
    }
  }

  @Test
  void badInputIsAClearErrorAndAnUnknownJobTypeListsTheKnownOnes() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThat(OcrbatchCli.run("ocr", empty.toString(), "--data", dir.resolve("data").toString()))
        .isEqualTo(ExitCode.COULD_NOT_RUN.code());
    assertThat(OcrbatchCli.run("ocr", dir.resolve("missing").toString()))
        .isEqualTo(ExitCode.COULD_NOT_RUN.code());

    CliTestSupport.englishVolume(dir.resolve("v"), 1, 0);
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream original = System.err;
    System.setErr(new java.io.PrintStream(err, true));
    try {
      assertThat(
              OcrbatchCli.run(
                  "ocr",
                  dir.resolve("v").toString(),
                  "--type",
                  "nope",
                  "--data",
                  dir.resolve("data").toString()))
          .isEqualTo(ExitCode.COULD_NOT_RUN.code());
    } finally {
      System.setErr(original);
    }
    assertThat(err.toString()).contains("unknown job type 'nope'").contains("tesseract-bod-wylie");
  }
}
