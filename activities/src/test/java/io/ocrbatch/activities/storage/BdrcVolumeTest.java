package io.ocrbatch.activities.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocrbatch.activities.files.Digests;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BdrcVolumeTest {

  @Test
  void archivePrefixFollowsBdrcLayout() {
    assertThat(new BdrcVolume("W22084", "I0886").archivePrefix())
        .isEqualTo("Works/60/W22084/images/W22084-0886/");
    // an image group id that is not I + four digits is kept whole
    assertThat(new BdrcVolume("W22084", "I1KG9611").archivePrefix())
        .endsWith("/W22084/images/W22084-I1KG9611/");
    assertThat(new BdrcVolume("W22084", "I08861").archivePrefix()).endsWith("/W22084-I08861/");
  }

  @Test
  void sourceUriRoundTripsEvenForMalformedIds() {
    BdrcVolume odd = new BdrcVolume("w 1/x", "I0886");
    var located = BdrcVolume.fromUri(odd.sourceUri("archive.tbrc.org")).orElseThrow();
    assertThat(located.bucket()).isEqualTo("archive.tbrc.org");
    assertThat(located.volume()).isEqualTo(odd);
    assertThat(odd.problem()).get().asString().contains("work id 'w 1/x'");
    assertThat(new BdrcVolume("W22084", "0886").problem())
        .get()
        .asString()
        .contains("image group id '0886'");
    assertThat(new BdrcVolume("W22084", "I0886").problem()).isEmpty();
  }

  @Test
  void volumeIdsAreRecognised() {
    assertThat(BdrcVolume.looksLikeVolumeId("W22084-I0886")).isTrue();
    assertThat(BdrcVolume.looksLikeVolumeId("vol-a")).isFalse();
    assertThat(BdrcVolume.parseVolumeId("W1KG12-I1KG34"))
        .isEqualTo(new BdrcVolume("W1KG12", "I1KG34"));
    assertThatThrownBy(() -> BdrcVolume.parseVolumeId("W1"))
        .hasMessageContaining("malformed BDRC volume id");
  }

  @Test
  void dimensionsListPagesInOrderSkippingErrorsAndNonImages() throws Exception {
    String json =
        "[{\"filename\":\"I0886_0003.jpg\",\"width\":10,\"height\":10},"
            + "{\"filename\":\"I0886_0001.tif\",\"width\":10,\"height\":10},"
            + "{\"filename\":\"I0886_0002.jpg\",\"error\":\"unreadable\"},"
            + "{\"filename\":\"notes.txt\",\"width\":1,\"height\":1}]";
    S3Location where = new S3Location("b", "k/dimensions.json");
    assertThat(BdrcArchiveSource.pages(gzip(json), where))
        .containsExactly("I0886_0003.jpg", "I0886_0001.tif");
    assertThat(BdrcArchiveSource.pages(json.getBytes(StandardCharsets.UTF_8), where)).hasSize(2);
    assertThatThrownBy(() -> BdrcArchiveSource.pages(gzip("{\"a\":1}"), where))
        .isInstanceOf(VolumeProblem.class)
        .hasMessageContaining("s3://b/k/dimensions.json is not a JSON array");
    assertThatThrownBy(() -> BdrcArchiveSource.pages(new byte[] {0x1f, (byte) 0x8b, 1, 2}, where))
        .isInstanceOf(VolumeProblem.class)
        .hasMessageContaining("is not gzipped JSON");
  }

  @Test
  void etagsLoseQuotesAndMultipartSuffix() {
    assertThat(Digests.plainEtag("\"d41d8cd98f00b204e9800998ecf8427e\""))
        .isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    assertThat(Digests.plainEtag("\"3858f62230ac3c915f300c664312c11f-9\""))
        .isEqualTo("3858f62230ac3c915f300c664312c11f");
  }

  @Test
  void s3LocationsParseAndRefuseBadBuckets() {
    S3Location loc = S3Location.parse("s3://my-bucket/a/b/");
    assertThat(loc.prefix()).isEqualTo("a/b/");
    assertThat(loc.child("c.json").key()).isEqualTo("a/b/c.json");
    assertThat(loc.name()).isEqualTo("b");
    assertThat(S3Location.parse("s3://my-bucket").prefix()).isEmpty();
    assertThatThrownBy(() -> S3Location.parse("s3://Bad_Bucket/x"))
        .hasMessageContaining("valid S3 bucket");
  }

  static byte[] gzip(String text) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
