package io.ocrbatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocrbatch.workflows.VolumeRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeResolverTest {
  @TempDir Path dir;

  private Path volume(String name) throws Exception {
    Path v = Files.createDirectories(dir.resolve(name));
    Files.write(v.resolve("p1.png"), new byte[] {1});
    return v;
  }

  @Test
  void volumeFilesAllowCommentsAndBlankLines() {
    assertThat(VolumeResolver.parseVolumeFile(List.of("# header", "W22084-I0886  # inline", "", "  vol b  ", "#x")))
        .containsExactly("W22084-I0886", "vol b");
  }

  @Test
  void aFolderOfVolumesGivesOneVolumePerImageFolderWithSafeIds() throws Exception {
    volume("vol 2");
    volume("vol10");
    Files.createDirectories(dir.resolve("no-images"));
    List<VolumeRef> refs = VolumeResolver.fromFolder(dir);
    assertThat(refs).extracting(VolumeRef::volumeId).containsExactly("vol_2", "vol10");
    assertThat(refs.get(0).sourceUri()).startsWith("file:/").endsWith("/vol%202/");
  }

  @Test
  void aFolderOfImagesIsItselfTheVolume() throws Exception {
    Path v = volume("single");
    assertThat(VolumeResolver.fromFolder(v)).extracting(VolumeRef::volumeId).containsExactly("single");
  }

  @Test
  void sameNamedFoldersGetDistinctIds() throws Exception {
    Path a = volume("x/vol");
    Path b = volume("y/vol");
    assertThat(VolumeResolver.fromPaths(List.of(a.toString(), b.toString()), dir))
        .extracting(VolumeRef::volumeId).containsExactly("vol", "vol-2");
  }

  @Test
  void missingOrEmptyInputsAreNamedInTheError() throws Exception {
    assertThatThrownBy(() -> VolumeResolver.fromPaths(List.of("nope"), dir)).hasMessageContaining("volume 'nope': folder not found");
    assertThatThrownBy(() -> VolumeResolver.fromFolder(Files.createDirectories(dir.resolve("empty"))))
        .hasMessageContaining("no page images").hasMessageContaining("empty");
    Path file = Files.writeString(dir.resolve("list.txt"), "# nothing\n");
    assertThatThrownBy(() -> VolumeResolver.fromVolumeFile(file)).hasMessageContaining("no volumes given");
  }
}
