package io.ocrbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed scripts (benchmarks, bin/, CI) run on a fresh machine: none runs Maven offline
 * ({@code -o} fails there when a plugin was never downloaded), except by the benchmarks' explicit
 * {@code MAVEN_OFFLINE=1}.
 */
class FreshMachineScriptsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern MAVEN_OFFLINE =
      Pattern.compile("\\bmvn\\b[^\\n]*\\s(-o|--offline)(\\s|$)");

  @Test
  void noCommittedScriptRunsMavenOffline() throws IOException {
    List<String> offline = new ArrayList<>();
    for (Path script : scripts()) {
      List<String> lines = Files.readAllLines(script, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        if (MAVEN_OFFLINE.matcher(lines.get(i)).find())
          offline.add(ROOT.relativize(script) + ":" + (i + 1) + ": " + lines.get(i).strip());
      }
    }
    assertThat(offline).as("scripts that run Maven with -o").isEmpty();
  }

  @Test
  void theBenchmarksMavenIsOnlineUnlessAskedOtherwise() throws Exception {
    assertThat(benchMvnArguments(false)).isEqualTo("-B -ntp -q test-compile");
    assertThat(benchMvnArguments(true)).isEqualTo("-B -ntp -q -o test-compile");
  }

  @Test
  void everyBenchmarkParses() throws Exception {
    for (Path script : scripts()) {
      boolean bash =
          script.toString().endsWith(".sh")
              || Files.readString(script).startsWith("#!/usr/bin/env bash");
      if (!bash) continue;
      Process parse = new ProcessBuilder("bash", "-n", script.toString()).inheritIO().start();
      assertThat(parse.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(parse.exitValue()).as("bash -n " + script).isZero();
    }
  }

  /** What {@code bench_mvn test-compile} passes to Maven (a stand-in {@code mvn} echoes it). */
  private static String benchMvnArguments(boolean offline) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
            "bash",
            "-c",
            "set -euo pipefail; ROOT=\"$1\"; source \"$ROOT/bench/maven.sh\";"
                + " mvn() { echo \"$@\"; }; bench_mvn test-compile",
            "bash",
            ROOT.toString());
    builder.environment().remove("MAVEN_OFFLINE");
    if (offline) builder.environment().put("MAVEN_OFFLINE", "1");
    Process bash = builder.redirectErrorStream(true).start();
    String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(bash.exitValue()).as(output).isZero();
    return output.strip();
  }

  private static List<Path> scripts() throws IOException {
    List<Path> scripts = new ArrayList<>();
    for (String folder : List.of("bench", "bin", ".ci")) {
      try (Stream<Path> files = Files.list(ROOT.resolve(folder))) {
        files.filter(Files::isRegularFile).sorted().forEach(scripts::add);
      }
    }
    assertThat(scripts).as("scripts under " + ROOT).isNotEmpty();
    return scripts;
  }
}
