package io.ocrbatch.activities.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {
  @TempDir Path dir;
  private final ImageDecoder decoder = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);

  /** White page with a black square in the middle. */
  private static BufferedImage page(int type) {
    BufferedImage image = new BufferedImage(200, 100, type);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 200, 100);
    g.setColor(Color.BLACK);
    g.fillRect(80, 30, 40, 40);
    g.dispose();
    return image;
  }

  private void assertDecodesToThePage(Path file) throws BadImageException {
    BufferedImage gray = decoder.decodeGray(file);
    assertThat(gray.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
    assertThat(gray.getWidth()).isEqualTo(200);
    int paper = gray.getRaster().getSample(5, 5, 0);
    int ink = gray.getRaster().getSample(100, 50, 0);
    assertThat(paper - ink).as("contrast between paper and ink").isGreaterThan(150);
  }

  private Path write(BufferedImage image, String format, String compression, String name)
      throws IOException {
    Path file = dir.resolve(name);
    ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (compression != null) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionType(compression);
      }
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return file;
  }

  @Test
  void decodesPng() throws Exception {
    assertDecodesToThePage(write(page(BufferedImage.TYPE_INT_RGB), "png", null, "p.png"));
  }

  @Test
  void decodesJpeg() throws Exception {
    assertDecodesToThePage(write(page(BufferedImage.TYPE_INT_RGB), "jpeg", null, "p.jpg"));
  }

  @Test
  void decodesCmykJpeg() throws Exception {
    // A CMYK JPEG with an Adobe marker, made with ImageMagick (`convert … -colorspace CMYK`).
    Path file = dir.resolve("cmyk.jpg");
    try (var in = getClass().getResourceAsStream("/images/cmyk.jpg")) {
      Files.copy(in, file);
    }
    assertDecodesToThePage(file);
  }

  @Test
  void decodesGroup4BilevelTiff() throws Exception {
    assertDecodesToThePage(
        write(page(BufferedImage.TYPE_BYTE_BINARY), "tiff", "CCITT T.6", "p.tif"));
  }

  @Test
  void decodesLzwTiff() throws Exception {
    assertDecodesToThePage(write(page(BufferedImage.TYPE_BYTE_GRAY), "tiff", "LZW", "p.tiff"));
  }

  @Test
  void listsEveryFrameOfAMultiPageTiffAsAPageAndDecodesEach() throws Exception {
    Path volume = Files.createDirectories(dir.resolve("vol"));
    Path tiff = volume.resolve("book.tif");
    ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(tiff.toFile())) {
      writer.setOutput(out);
      writer.prepareWriteSequence(null);
      for (int frame = 0; frame < 3; frame++) {
        BufferedImage page = page(BufferedImage.TYPE_BYTE_GRAY);
        page.getRaster().setSample(0, 0, 0, frame * 100); // tell the frames apart
        writer.writeToSequence(new IIOImage(page, null, null), writer.getDefaultWriteParam());
      }
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
    write(page(BufferedImage.TYPE_INT_RGB), "png", null, "vol/a.png");

    assertThat(PageImages.pages(volume))
        .containsExactly("a.png", "book.tif#1", "book.tif#2", "book.tif#3");
    PageRef third = PageRef.parse("book.tif#3");
    assertThat(third.stem()).isEqualTo("book-0003");
    assertThat(decoder.decodeGray(tiff, third.imageIndex(), 300).getRaster().getSample(0, 0, 0))
        .isEqualTo(200);
    assertThat(PageRef.parse("a.png").stem()).isEqualTo("a");
    assertThat(PageRef.parse("odd#name.png")).isEqualTo(new PageRef("odd#name.png", 0));
  }

  @Test
  void grayImagesWithAnotherRasterLayoutAreCopiedToACompactBuffer() {
    BufferedImage wide = page(BufferedImage.TYPE_BYTE_GRAY);
    BufferedImage part =
        wide.getSubimage(50, 0, 100, 100); // shares the parent's buffer, stride 200
    BufferedImage gray = ImageDecoder.toGray(part);
    assertThat(gray).isNotSameAs(part);
    assertThat(((java.awt.image.DataBufferByte) gray.getRaster().getDataBuffer()).getData())
        .hasSize(100 * 100);
    assertThat(gray.getRaster().getSample(50, 50, 0))
        .isEqualTo(wide.getRaster().getSample(100, 50, 0));
    BufferedImage compact = page(BufferedImage.TYPE_BYTE_GRAY);
    assertThat(ImageDecoder.toGray(compact)).isSameAs(compact);
  }

  @Test
  void refusesAFileThatIsNotAnImageNamingIt() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.png"), "this is not a picture");
    assertThatThrownBy(() -> decoder.decodeGray(file))
        .isInstanceOf(BadImageException.class)
        .hasMessageContaining("notes.png")
        .hasMessageContaining("not a supported image");
  }

  @Test
  void refusesATruncatedImage() throws Exception {
    Path whole = write(page(BufferedImage.TYPE_INT_RGB), "png", null, "whole.png");
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = Files.write(dir.resolve("cut.png"), Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> decoder.decodeGray(cut))
        .isInstanceOf(BadImageException.class)
        .hasMessageContaining("cut.png");
  }

  @Test
  void refusesImagesOverThePixelLimitBeforeDecodingThem() throws Exception {
    Path file = write(page(BufferedImage.TYPE_INT_RGB), "png", null, "big.png");
    assertThatThrownBy(() -> new ImageDecoder(10_000).decodeGray(file))
        .isInstanceOf(BadImageException.class)
        .hasMessageContaining("200x100 pixels is over the limit of 10000");
  }

  @Test
  void listsImagesInNaturalOrderAndFindsVolumeFolders() throws Exception {
    Path volume = Files.createDirectories(dir.resolve("vol"));
    for (String name : new String[] {"p10.png", "p2.png", "p1.tif", "readme.txt", ".hidden.png"}) {
      Files.write(volume.resolve(name), new byte[] {1});
    }
    Files.createDirectories(dir.resolve("empty"));
    assertThat(PageImages.list(volume)).containsExactly("p1.tif", "p2.png", "p10.png");
    assertThat(PageImages.volumeFolders(dir)).containsExactly(volume);
    assertThat(PageImages.volumeFolders(volume)).containsExactly(volume);
  }
}
