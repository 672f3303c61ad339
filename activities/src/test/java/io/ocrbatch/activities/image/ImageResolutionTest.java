package io.ocrbatch.activities.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.testing.ScanFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.OptionalInt;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scan's own resolution is what the engine is told, unless the job says otherwise. */
class ImageResolutionTest {
  @TempDir Path dir;

  @Test
  void pngJpegAndTiffDpiTagsAreReadAndAJobDpiOverridesThem() throws Exception {
    BufferedImage image = new BufferedImage(60, 40, BufferedImage.TYPE_BYTE_GRAY);
    Path png = dir.resolve("a.png");
    Path jpeg = dir.resolve("b.jpg");
    Path tiff = dir.resolve("c.tif");
    ScanFiles.write(image, "png", 400, png);
    ScanFiles.write(image, "jpeg", 600, jpeg);
    ScanFiles.write(image, "tiff", 240, tiff);

    assertThat(ImageResolution.recorded(png, 0)).isEqualTo(OptionalInt.of(400));
    assertThat(ImageResolution.recorded(jpeg, 0)).isEqualTo(OptionalInt.of(600));
    assertThat(ImageResolution.recorded(tiff, 0)).isEqualTo(OptionalInt.of(240));
    assertThat(ImageResolution.resolve(ImageResolution.FROM_IMAGE, png, 0)).isEqualTo(400);
    assertThat(ImageResolution.resolve(150, png, 0)).as("--dpi overrides").isEqualTo(150);
  }

  @Test
  void withoutATagThePageIsReadAt300() throws Exception {
    Path plain = dir.resolve("plain.png");
    ImageIO.write(new BufferedImage(60, 40, BufferedImage.TYPE_BYTE_GRAY), "png", plain.toFile());
    assertThat(ImageResolution.recorded(plain, 0)).isEmpty();
    assertThat(ImageResolution.resolve(ImageResolution.FROM_IMAGE, plain, 0)).isEqualTo(300);
    assertThat(ImageResolution.resolve(ImageResolution.FROM_IMAGE, dir.resolve("x.pdf"), 0))
        .isEqualTo(300);
  }
}
