package io.ocrbatch.activities.ocr.bdrc;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of BDRC's pipeline a job type may change, with the defaults of BDRC's {@code
 * cli.py}: the k-factor of the line mask's dilation, the tolerance (line crop height over line
 * height) below which the k-factor is lowered, whether pieces of one line are merged, and the CTC
 * beam width (pyctcdecode's default).
 *
 * <p>They follow the model in the job type: {@code
 * Woodblock+PhotiLines:k-factor=2,bbox-tolerance=3,merge-lines=yes,beam-width=50}.
 */
public record BdrcOptions(double kFactor, double bboxTolerance, boolean mergeLines, int beamWidth) {
  public static final BdrcOptions DEFAULTS = new BdrcOptions(2.5, 4.0, false, 100);

  /** A job type's model: the models it names, and its options. */
  public record Model(String models, BdrcOptions options) {}

  /**
   * Splits {@code Recognition[+Lines][:name=value,...]}; IllegalArgumentException names the option
   * at fault.
   */
  public static Model parse(String model) {
    int colon = model.indexOf(':');
    if (colon < 0) return new Model(model, DEFAULTS);
    Map<String, String> given = new LinkedHashMap<>();
    for (String pair : model.substring(colon + 1).split(",", -1)) {
      String[] kv = pair.split("=", 2);
      String name = kv[0].strip().toLowerCase(Locale.ROOT);
      if (kv.length != 2 || given.put(name, kv[1].strip()) != null) {
        throw new IllegalArgumentException(
            "bdrc options are name=value pairs, each once, separated by commas, got '"
                + pair
                + "'");
      }
    }
    double k = number(given.remove("k-factor"), DEFAULTS.kFactor, "k-factor", 0.1, 10);
    double tolerance =
        number(given.remove("bbox-tolerance"), DEFAULTS.bboxTolerance, "bbox-tolerance", 1, 20);
    double beam = number(given.remove("beam-width"), DEFAULTS.beamWidth, "beam-width", 1, 1000);
    if (beam != Math.rint(beam))
      throw new IllegalArgumentException("beam-width must be a whole number, got " + beam);
    String merge = given.remove("merge-lines");
    if (merge != null && !merge.matches("(?i)yes|no"))
      throw new IllegalArgumentException("merge-lines must be yes or no, got '" + merge + "'");
    if (!given.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown bdrc option "
              + given.keySet()
              + " (known: k-factor, bbox-tolerance, merge-lines, beam-width)");
    }
    boolean mergeLines = merge == null ? DEFAULTS.mergeLines : merge.equalsIgnoreCase("yes");
    return new Model(
        model.substring(0, colon), new BdrcOptions(k, tolerance, mergeLines, (int) beam));
  }

  private static double number(String text, double otherwise, String name, double min, double max) {
    if (text == null) return otherwise;
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, got '" + text + "'");
    }
    if (!(value >= min && value <= max))
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + max + ", got " + text);
    return value;
  }
}
