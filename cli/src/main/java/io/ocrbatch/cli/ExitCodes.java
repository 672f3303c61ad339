package io.ocrbatch.cli;

/** Process exit codes, documented in the README. */
public final class ExitCodes {
  /** Every page succeeded (or the command did what was asked). */
  public static final int OK = 0;
  /** The job could not run: bad input, missing packages, unreachable services. */
  public static final int COULD_NOT_RUN = 1;
  /** The command line was wrong (picocli's usage code). */
  public static final int USAGE = 2;
  /** The job ran to its end but some pages or volumes failed. */
  public static final int PAGES_FAILED = 3;
  /** The job was canceled before it finished. */
  public static final int CANCELED = 4;
  /** Stopped by Ctrl-C or SIGTERM (128 + SIGINT); re-run to resume. */
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}
}
