package io.ocrbatch.api.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocationRootsTest {
  @TempDir Path dir;

  @Test
  void pathsAreJudgedAfterDotDotAndLinksAreResolved() throws Exception {
    Path root = Files.createDirectories(dir.resolve("root"));
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.createDirectories(root.resolve("scans/v1"));
    Files.createSymbolicLink(root.resolve("escape"), outside);
    LocationRoots roots =
        LocationRoots.of("input", "OCRBATCH_INPUT_ROOTS", List.of(root.toString()));

    assertThat(roots.allows(root.resolve("scans/v1").toString(), dir)).isTrue();
    assertThat(roots.allows("root/scans", dir)).as("relative to the base").isTrue();
    assertThat(roots.allows(root.resolve("not-yet/made").toString(), dir))
        .as("a folder still to be made")
        .isTrue();
    assertThat(roots.allows(root + "/../outside", dir)).isFalse();
    assertThat(roots.allows(root + "/scans/../../outside", dir)).isFalse();
    assertThat(roots.allows(root + "/nothing/../../outside", dir)).isFalse();
    assertThat(roots.allows(root.resolve("escape").toString(), dir))
        .as("a link out of the root")
        .isFalse();
    assertThat(roots.allows(root.resolve("escape/deeper").toString(), dir)).isFalse();
    assertThat(roots.allows(dir.resolve("root-sibling").toString(), dir))
        .as("a name that merely starts like the root")
        .isFalse();
    assertThat(roots.allows("/etc", dir)).isFalse();
    assertThat(roots.allows("s3://bucket/x", dir)).isFalse();
  }

  @Test
  void s3LocationsAreAllowedByBucketAndPrefix() {
    LocationRoots roots =
        LocationRoots.of(
            "output", "OCRBATCH_OUTPUT_ROOTS", List.of("s3://results", "s3://shared/ocr/"));
    assertThat(roots.allows("s3://results/any/thing", dir)).isTrue();
    assertThat(roots.allows("s3://shared/ocr/job1", dir)).isTrue();
    assertThat(roots.allows("s3://shared/ocr", dir)).isTrue();
    assertThat(roots.allows("s3://shared/ocr-other/x", dir)).isFalse();
    assertThat(roots.allows("s3://shared/private", dir)).isFalse();
    assertThat(roots.allows("s3://other/x", dir)).isFalse();
  }

  @Test
  void aRefusalNamesTheRootsAndTheVariableButNotWhetherThePathExists() {
    LocationRoots roots =
        LocationRoots.of("input", "OCRBATCH_INPUT_ROOTS", List.of(dir.toString(), "s3://scans"));
    assertThatThrownBy(() -> roots.check("/etc", dir, "folder"))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage(
            "folder '/etc' is outside the input roots this server allows over HTTP: "
                + real(dir)
                + ", s3://scans/"
                + " (the server's OCRBATCH_INPUT_ROOTS)");
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
