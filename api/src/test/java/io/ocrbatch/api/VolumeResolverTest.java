package io.ocrbatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocrbatch.activities.storage.Storage;
import io.ocrbatch.activities.storage.StorageSettings;
import io.ocrbatch.workflows.VolumeRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeResolverTest {
  @TempDir Path dir;
  private final VolumeResolver resolver =
      new VolumeResolver(
          new Storage(StorageSettings.from(Map.of("OCRBATCH_BDRC_BUCKET", "archive.example.org"))));

  private Path volume(String name) throws Exception {
    Path v = Files.createDirectories(dir.resolve(name));
    Files.write(v.resolve("p1.png"), new byte[] {1});
    return v;
  }

  @Test
  void volumeFilesAllowCommentsAndBlankLines() {
    assertThat(
            VolumeResolver.parseVolumeFile(
                List.of("# header", "W22084-I0886  # inline", "", "  vol b  ", "#x")))
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
    assertThat(VolumeResolver.fromFolder(v))
        .extracting(VolumeRef::volumeId)
        .containsExactly("single");
  }

  @Test
  void sameNamedFoldersGetDistinctIds() throws Exception {
    Path a = volume("x/vol");
    Path b = volume("y/vol");
    assertThat(resolver.fromEntries(List.of(a.toString(), b.toString()), dir))
        .extracting(VolumeRef::volumeId)
        .containsExactly("vol", "vol-2");
  }

  @Test
  void missingOrEmptyInputsAreNamedInTheError() throws Exception {
    assertThatThrownBy(() -> resolver.fromEntries(List.of("nope"), dir))
        .hasMessageContaining("volume 'nope': folder not found");
    assertThatThrownBy(
            () -> VolumeResolver.fromFolder(Files.createDirectories(dir.resolve("empty"))))
        .hasMessageContaining("no page images")
        .hasMessageContaining("empty");
    Path file = Files.writeString(dir.resolve("list.txt"), "# nothing\n");
    assertThatThrownBy(() -> resolver.fromVolumeFile(file))
        .hasMessageContaining("no volumes given");
  }

  @Test
  void bdrcIdsAndS3PrefixesAreVolumesToo() throws Exception {
    volume("W1-I2"); // a local folder named like a BDRC id stays a folder
    List<VolumeRef> refs =
        resolver.fromEntries(
            List.of("W22084-I0886", "bdrc:W1KG9-I1KG9611", "s3://scans/batch/vol-a/", "W1-I2"),
            dir);
    assertThat(refs)
        .extracting(VolumeRef::volumeId)
        .containsExactly("W22084-I0886", "W1KG9-I1KG9611", "vol-a", "W1-I2");
    assertThat(refs)
        .extracting(VolumeRef::sourceUri)
        .startsWith(
            "bdrc://archive.example.org/W22084/I0886",
            "bdrc://archive.example.org/W1KG9/I1KG9611",
            "s3://scans/batch/vol-a/");
    assertThat(refs.get(3).sourceUri()).startsWith("file:/");
  }

  @Test
  void aVolumeNamedTwiceIsOneVolume() throws Exception {
    Path a = volume("a");
    assertThat(
            resolver.fromEntries(List.of(a.toString(), a.toString(), "W1-I1", "bdrc:W1-I1"), dir))
        .hasSize(2);
  }
}
