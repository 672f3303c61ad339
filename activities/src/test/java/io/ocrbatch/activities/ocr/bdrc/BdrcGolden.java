package io.ocrbatch.activities.ocr.bdrc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocrbatch.activities.files.Json;
import io.ocrbatch.activities.ocr.neural.OpenCv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The golden data of {@code src/test/resources/bdrc-golden} (made by running BDRC's own code, see
 * its SOURCES file): PNG images, JSON and float32 {@code .npy} arrays.
 */
final class BdrcGolden {
  private BdrcGolden() {}

  static Path path(String name) {
    try {
      var url = BdrcGolden.class.getClassLoader().getResource("bdrc-golden/" + name);
      if (url == null) throw new IllegalStateException("no golden file " + name);
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An 8-bit gray image. */
  static Mat png(String name) {
    OpenCv.load();
    Mat image = Imgcodecs.imread(path(name).toString(), Imgcodecs.IMREAD_UNCHANGED);
    assertThat(image.channels()).as(name).isEqualTo(1);
    return image;
  }

  static JsonNode json(String name) {
    try {
      return Json.MAPPER.readTree(path(name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The elements of a JSON array of golden cases, for parameterised tests. */
  static java.util.List<JsonNode> cases(JsonNode array) {
    java.util.List<JsonNode> cases = new java.util.ArrayList<>();
    array.forEach(cases::add);
    return cases;
  }

  /** A 2-D little-endian float32 array (numpy's {@code .npy} format 1.0). */
  static float[][] npy(String name) {
    try {
      byte[] bytes = Files.readAllBytes(path(name));
      int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
      String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
      assertThat(header).contains("'descr': '<f4'").contains("'fortran_order': False");
      String[] shape =
          header.replaceAll(".*'shape': \\((\\d+), (\\d+)\\).*", "$1 $2").strip().split(" ");
      int rows = Integer.parseInt(shape[0]), cols = Integer.parseInt(shape[1]);
      ByteBuffer data =
          ByteBuffer.wrap(bytes, 10 + headerLength, rows * cols * 4).order(ByteOrder.LITTLE_ENDIAN);
      float[][] out = new float[rows][cols];
      for (float[] row : out) for (int c = 0; c < cols; c++) row[c] = data.getFloat();
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The same size and pixels; otherwise says how many pixels differ and where the first is. */
  static void assertSame(Mat actual, Mat expected, String what) {
    assertThat(actual.cols() + "x" + actual.rows())
        .as(what + " size")
        .isEqualTo(expected.cols() + "x" + expected.rows());
    byte[] a = OpenCv.bytes(actual), e = OpenCv.bytes(expected);
    int differ = 0, first = -1;
    for (int i = 0; i < a.length; i++) {
      if (a[i] != e[i]) {
        differ++;
        if (first < 0) first = i;
      }
    }
    assertThat(differ)
        .as(
            "%s: %d pixels differ, the first at x=%d y=%d",
            what,
            differ,
            first < 0 ? 0 : first % actual.cols(),
            first < 0 ? 0 : first / actual.cols())
        .isZero();
  }
}
