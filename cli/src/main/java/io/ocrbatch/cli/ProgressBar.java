package io.ocrbatch.cli;

import io.ocrbatch.activities.statusdb.JobProgressStore.Counts;
import java.io.PrintStream;
import java.time.Duration;

/**
 * A one-line progress bar: pages done/total, pages/s, ETA, failures. Redrawn in place on a
 * terminal; on a pipe or log file it prints a plain line at most every few seconds.
 */
final class ProgressBar {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final boolean terminal;
  private final long startNanos = System.nanoTime();
  private final long pagesAtStart;
  private long lastPlainLine;
  private String last = "";

  ProgressBar(PrintStream out, boolean terminal, long pagesAtStart) {
    this.out = out;
    this.terminal = terminal;
    this.pagesAtStart = pagesAtStart;
  }

  void update(Counts counts) {
    show(render(counts, elapsed()));
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** Shows a line: in place on a terminal, else at most every five seconds. */
  void show(String line) {
    if (terminal) {
      out.print("\r" + line + " ".repeat(Math.max(0, last.length() - line.length())));
      out.flush();
    } else if (!line.equals(last) && System.currentTimeMillis() - lastPlainLine >= 5_000) {
      out.println(line);
      lastPlainLine = System.currentTimeMillis();
    }
    last = line;
  }

  void finish(Counts counts) {
    finish(render(counts, elapsed()));
  }

  void finish(String line) {
    out.print(terminal ? "\r" + line + "\n" : line + "\n");
    out.flush();
  }

  /** Pages per second OCRed by this run (pages done at start, or skipped, do not count). */
  double pagesPerSecond(Counts counts) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    return seconds <= 0 ? 0 : (counts.pagesProcessed() - pagesAtStart) / seconds;
  }

  String render(Counts counts, Duration elapsed) {
    long total = counts.pagesTotalEstimate();
    long finished = counts.pagesFinished();
    if (total == 0) {
      return String.format(
          "listing volumes… %d/%d volumes listed  %s",
          counts.listedTasks(), counts.tasks(), clock(elapsed));
    }
    double fraction = Math.min(1.0, (double) finished / total);
    double rate = pagesPerSecond(counts);
    long remaining = total - finished;
    String eta =
        rate > 0 && remaining > 0
            ? clock(Duration.ofSeconds(Math.round(remaining / rate)))
            : "--:--";
    return String.format(
        "%s %d/%d pages %3.0f%%  %.2f pages/s  elapsed %s  ETA %s  failed %d%s",
        bar(fraction),
        finished,
        total,
        fraction * 100,
        rate,
        clock(elapsed),
        eta,
        counts.pagesFailed(),
        counts.pagesSkipped() > 0 ? "  skipped (already done) " + counts.pagesSkipped() : "");
  }

  static String bar(double fraction) {
    int filled = (int) Math.round(Math.min(1.0, fraction) * WIDTH);
    return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "]";
  }

  static String clock(Duration d) {
    long s = d.toSeconds();
    return s >= 3600
        ? String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
        : String.format("%d:%02d", s / 60, s % 60);
  }
}
