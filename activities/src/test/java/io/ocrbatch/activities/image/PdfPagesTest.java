package io.ocrbatch.activities.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocrbatch.activities.samples.SamplePdf;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfPagesTest {
  @TempDir Path dir;
  private final ImageDecoder decoder = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);

  @Test
  void eachPdfPageIsAPageRenderedAtTheJobsDpi() throws Exception {
    SamplePdf.writeEnglish(dir.resolve("book.pdf"), 3);

    assertThat(PageImages.pages(dir)).containsExactly("book.pdf#1", "book.pdf#2", "book.pdf#3");
    BufferedImage at100 = decoder.decodeGray(dir.resolve("book.pdf"), 1, 100);
    BufferedImage at200 = decoder.decodeGray(dir.resolve("book.pdf"), 1, 200);
    assertThat(at100.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
    assertThat(at100.getWidth()).isBetween(581, 583); // A5 is 419.5 pt wide
    assertThat(at200.getWidth()).isBetween(2 * at100.getWidth() - 1, 2 * at100.getWidth() + 1);
  }

  @Test
  void aBrokenPdfFailsItsPageNamingTheFile() throws Exception {
    Path fake = Files.writeString(dir.resolve("notes.pdf"), "just text, not a PDF");

    assertThat(PageImages.pages(dir)).containsExactly("notes.pdf");
    assertThatThrownBy(() -> decoder.decodeGray(fake, 0, 200))
        .isInstanceOf(BadImageException.class)
        .hasMessageContaining("notes.pdf")
        .hasMessageContaining("cannot render PDF page");
  }

  @Test
  void aPageOverThePixelLimitIsRefusedBeforeRendering() throws Exception {
    SamplePdf.writeEnglish(dir.resolve("big.pdf"), 1);

    assertThatThrownBy(() -> new ImageDecoder(1_000_000).decodeGray(dir.resolve("big.pdf"), 0, 600))
        .isInstanceOf(BadImageException.class)
        .hasMessageContaining("over the limit");
  }
}
