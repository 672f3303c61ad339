package io.ocrbatch.cli.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code make-samples} writes ground truth unless told {@code --no-ground-truth}. */
class MakeSamplesCommandTest {
  @TempDir Path dir;

  private Path run(String folder, String... flags) {
    Path out = dir.resolve(folder);
    String[] args = new String[flags.length + 3];
    args[0] = out.toString();
    args[1] = "--pages";
    args[2] = "1";
    System.arraycopy(flags, 0, args, 3, flags.length);
    assertThat(new CommandLine(new MakeSamplesCommand()).execute(args)).isZero();
    assertThat(out.resolve("page-001.png")).exists();
    return out;
  }

  @Test
  void groundTruthIsWrittenByDefaultAndWhenAskedFor() {
    assertThat(run("default").resolve("page-001.gt.txt")).exists();
    assertThat(run("asked", "--ground-truth").resolve("page-001.gt.txt")).exists();
  }

  @Test
  void noGroundTruthWritesNone() throws Exception {
    Path out = run("none", "--no-ground-truth");
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("page-001.png");
    }
  }
}
