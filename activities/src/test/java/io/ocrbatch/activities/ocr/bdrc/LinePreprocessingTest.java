package io.ocrbatch.activities.ocr.bdrc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ocrbatch.activities.ocr.neural.OpenCv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

class LinePreprocessingTest {
  @BeforeAll
  static void openCv() {
    OpenCv.load();
  }

  /** A 20×100 line: light gray paper with a dark 10×40 block in the middle. */
  private static Mat line() {
    Mat m = new Mat(20, 100, CvType.CV_8UC1, new Scalar(200));
    m.submat(5, 15, 30, 70).setTo(new Scalar(30));
    return m;
  }

  @Test
  void padsAWhiteSquareOfTheLineHeightOnEachSide() {
    Mat padded = LinePreprocessing.padSides(line());
    assertThat(padded.cols()).isEqualTo(140);
    assertThat(padded.rows()).isEqualTo(20);
    assertThat(padded.get(10, 5)[0]).isEqualTo(255);
    assertThat(padded.get(10, 135)[0]).isEqualTo(255);
    assertThat(padded.get(10, 60)[0]).isEqualTo(30); // the block moved right by 20
  }

  @Test
  void letterboxesKeepingTheShapeAndFillsTheRestWhite() {
    Mat boxed = LinePreprocessing.letterbox(line(), 400, 40); // limited by height: ×2
    assertThat(boxed.size().width).isEqualTo(400);
    assertThat(boxed.size().height).isEqualTo(40);
    assertThat(boxed.get(20, 100)[0]).isEqualTo(30); // inside the block, scaled ×2
    assertThat(boxed.get(20, 300)[0]).isEqualTo(255); // beyond the line: white
    assertThat(LinePreprocessing.fit(line(), 50, 40).scale()).isEqualTo(0.5);
  }

  @Test
  void binarisesToBlackTextOnWhitePaper() {
    Mat bw = LinePreprocessing.binarize(LinePreprocessing.padSides(line()));
    Mat other = new Mat();
    Core.inRange(bw, new Scalar(1), new Scalar(254), other);
    assertThat(Core.countNonZero(other)).isZero();
    assertThat(bw.get(10, 60)[0]).isEqualTo(0);
    assertThat(bw.get(2, 2)[0]).isEqualTo(255);
  }

  @Test
  void scalesToMinusOneOneAndSwapsHeightAndWidthOnRequest() {
    Mat m = new Mat(2, 3, CvType.CV_8UC1);
    m.put(0, 0, new byte[] {0, (byte) 255, (byte) 128, 0, 0, (byte) 255});
    float[] rows = LinePreprocessing.scaled(m, false);
    assertThat(rows[0]).isEqualTo(-1f);
    assertThat(rows[1]).isEqualTo(1f);
    assertThat(rows[2]).isCloseTo(128 / 127.5f - 1, within(1e-6f));
    float[] columns = LinePreprocessing.scaled(m, true); // [W=3][H=2]
    assertThat(columns).containsExactly(rows[0], rows[3], rows[1], rows[4], rows[2], rows[5]);
  }
}
