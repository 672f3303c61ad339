package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What becomes of the names users give their uploads: shown back as given, stored plainly. */
class UploadedFileTest {
  @Test
  void aNameKeepsItsScriptInNfcAndLosesPathsAndControlCharacters() {
    assertThat(UploadedFile.displayName("བོད་ཡིག.pdf")).isEqualTo("བོད་ཡིག.pdf");
    assertThat(UploadedFile.displayName("cafe\u0301.pdf"))
        .as("NFD becomes NFC")
        .isEqualTo("caf\u00e9.pdf");
    assertThat(UploadedFile.displayName("C:\\scans\\..\\བོད.pdf")).isEqualTo("བོད.pdf");
    assertThat(UploadedFile.displayName("../../etc/pass\u0000wd\n.pdf")).isEqualTo("passwd.pdf");
    assertThat(UploadedFile.displayName("invoice\u202Efdp.exe"))
        .as("no right-to-left override")
        .isEqualTo("invoicefdp.exe");
    assertThat(UploadedFile.displayName("scans/..")).isEqualTo("upload");
    assertThat(UploadedFile.displayName(null)).isEqualTo("upload");
    assertThat(UploadedFile.displayName("ཀ".repeat(150) + ".pdf")).hasSize(100).endsWith("ཀཀ.pdf");
  }

  @Test
  void theDiskNameIsPlainAsciiAndNeverEmpty() {
    assertThat(UploadedFile.diskStem("བོད་ཡིག.pdf")).isEqualTo("upload");
    assertThat(UploadedFile.diskStem("evil name.pdf")).isEqualTo("evil_name");
    assertThat(UploadedFile.diskStem("Kangyur vol. 1 ཀ.tif")).isEqualTo("Kangyur_vol._1");
    assertThat(UploadedFile.diskStem("...pdf")).isEqualTo("upload");
  }
}
