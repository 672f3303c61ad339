package io.ocrbatch.cli;

import io.ocrbatch.activities.samples.ErrorCounting;
import io.ocrbatch.activities.samples.GroundTruthSet;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Character error rates of several systems on the same pages, one column each, one row per page and
 * a total row (errors over the set's characters, so long pages weigh more).
 */
final class CerTable {
  /** Marks a column read from the set's {@code reference/} folder rather than run here. */
  static final String REFERENCE_MARK = "*";

  private final List<GroundTruthSet.Sample> samples;
  private final ErrorCounting counting;
  private final List<String> columns = new ArrayList<>();
  private final List<int[]> errors = new ArrayList<>();

  CerTable(List<GroundTruthSet.Sample> samples, ErrorCounting counting) {
    this.samples = samples;
    this.counting = counting;
  }

  /** A column: what {@code name} read on each page, in the samples' order. */
  void add(String name, List<String> texts) {
    int[] column = new int[samples.size()];
    for (int i = 0; i < samples.size(); i++)
      column[i] = counting.characterErrors(samples.get(i).truth(), texts.get(i));
    columns.add(name);
    errors.add(column);
  }

  void print(PrintStream out) {
    int pageWidth =
        Math.max(8, samples.stream().mapToInt(s -> s.stem().length()).max().orElse(0)) + 1;
    List<Integer> widths = columns.stream().map(c -> Math.max(8, c.length()) + 2).toList();
    StringBuilder head = new StringBuilder(String.format("%-" + pageWidth + "s", "CER"));
    for (int c = 0; c < columns.size(); c++)
      head.append(String.format("%" + widths.get(c) + "s", columns.get(c)));
    out.println(head);
    long total = 0;
    long[] totals = new long[columns.size()];
    for (int i = 0; i < samples.size(); i++) {
      int chars = counting.characterCount(samples.get(i).truth());
      total += chars;
      StringBuilder row =
          new StringBuilder(String.format("%-" + pageWidth + "s", samples.get(i).stem()));
      for (int c = 0; c < columns.size(); c++) {
        totals[c] += errors.get(c)[i];
        row.append(String.format("%" + widths.get(c) + "s", percent(errors.get(c)[i], chars)));
      }
      out.println(row);
    }
    StringBuilder row = new StringBuilder(String.format("%-" + pageWidth + "s", "TOTAL"));
    for (int c = 0; c < columns.size(); c++)
      row.append(String.format("%" + widths.get(c) + "s", percent(totals[c], total)));
    out.println(row);
    if (columns.stream().anyMatch(c -> c.endsWith(REFERENCE_MARK)))
      out.println(
          REFERENCE_MARK + " texts published with the set (reference/<system>/), not run here");
  }

  /** {@code 12.34%}: errors over characters. */
  static String percent(long errors, long characters) {
    return String.format("%.2f%%", 100.0 * errors / Math.max(1, characters));
  }
}
