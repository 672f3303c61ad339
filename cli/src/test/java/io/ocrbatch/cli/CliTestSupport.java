package io.ocrbatch.cli;

import io.ocrbatch.activities.samples.PageRenderer;
import io.ocrbatch.activities.samples.SampleTexts;
import io.ocrbatch.activities.statusdb.EmbeddedDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/** Test helpers: volumes of rendered pages with their ground truth, captured CLI output. */
final class CliTestSupport {
  private CliTestSupport() {}

  /** Writes {@code pages} small English pages; returns their true text, page by page. */
  static List<String> englishVolume(Path dir, int pages, int firstWord) throws IOException {
    Files.createDirectories(dir);
    List<String> words = SampleTexts.englishWords(firstWord + pages * 40);
    words = new ArrayList<>(words.subList(firstWord, words.size()));
    PageRenderer renderer = new PageRenderer(PageRenderer.DEJAVU_SERIF, 46f, 1400, 420);
    List<String> truth = new ArrayList<>();
    for (int i = 1; i <= pages; i++) {
      PageRenderer.Page page = renderer.render(words, " ", 1.35);
      ImageIO.write(page.image(), "png", dir.resolve(String.format("page-%03d.png", i)).toFile());
      truth.add(String.join("\n", page.lines()));
    }
    return truth;
  }

  /** Creates a job type of the null engine (text, no OCR: fast) in the data folder. */
  static void nullJobType(String name, String data) {
    Result created =
        run(
            "job-types",
            "create",
            "--name",
            name,
            "--engine",
            "null",
            "--model",
            "text",
            "--formats",
            "txt,json",
            "--data",
            data);
    if (created.exitCode() != 0)
      throw new AssertionError("job type " + name + " not created: " + created.stdout());
  }

  /** Runs the CLI in this JVM, returning the exit code and what it printed to stdout. */
  record Result(int exitCode, String stdout) {}

  static synchronized Result run(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int code = OcrbatchCli.run(args);
      return new Result(code, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
    }
  }

  /** Stops a PostgreSQL left running on a data folder (e.g. by a killed JVM). */
  static void stopLeftoverPostgres(Path dataDir) throws IOException {
    Path pidFile = dataDir.toAbsolutePath().resolve("pg/postmaster.pid");
    Optional<Integer> port = EmbeddedDatabase.runningPort(dataDir.toAbsolutePath().resolve("pg"));
    if (port.isPresent() && Files.exists(pidFile)) {
      long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
      ProcessHandle.of(pid)
          .ifPresent(
              p -> {
                p.destroy();
                p.onExit().join();
              });
    }
  }
}
