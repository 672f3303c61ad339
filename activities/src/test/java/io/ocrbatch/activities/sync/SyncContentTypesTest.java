package io.ocrbatch.activities.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** sync uploads each result file with its format's content type (S3 serves it with that type). */
class SyncContentTypesTest {
  @Test
  void everyFormatHasItsOwnContentType() {
    assertThat(ResultSync.contentType("p1.md")).isEqualTo("text/markdown; charset=utf-8");
    assertThat(ResultSync.contentType("p1.txt")).isEqualTo("text/plain; charset=utf-8");
    assertThat(ResultSync.contentType("p1.json")).isEqualTo("application/json");
    assertThat(ResultSync.contentType("manifest.json")).isEqualTo("application/json");
    assertThat(ResultSync.contentType("p1.xml")).isEqualTo("application/xml");
    assertThat(ResultSync.contentType("p1.alto.xml")).isEqualTo("application/xml");
    assertThat(ResultSync.contentType("p1.hocr")).isEqualTo("text/html; charset=utf-8");
    assertThat(ResultSync.contentType("W1-I1-abc123.pdf")).isEqualTo("application/pdf");
    assertThat(ResultSync.contentType("images/p1.png")).isEqualTo("image/png");
    assertThat(ResultSync.contentType("images/p1.tif")).isEqualTo("image/tiff");
  }
}
