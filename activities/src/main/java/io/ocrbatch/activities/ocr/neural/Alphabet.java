package io.ocrbatch.activities.ocr.neural;

import java.util.ArrayList;
import java.util.List;

/** What each class of a CTC model's output stands for; {@code blank} is the CTC blank class. */
public record Alphabet(List<String> labels, int blank) {

  /**
   * Blank at 0, then the charset: models trained with an added blank (PaddleOCR, BDRC's add_blank).
   */
  public static Alphabet withBlankFirst(List<String> charset) {
    List<String> labels = new ArrayList<>(charset.size() + 1);
    labels.add("");
    labels.addAll(charset);
    return new Alphabet(List.copyOf(labels), 0);
  }

  public int size() {
    return labels.size();
  }

  public String label(int index) {
    return labels.get(index);
  }
}
