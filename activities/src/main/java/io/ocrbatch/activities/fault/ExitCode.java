package io.ocrbatch.activities.fault;

/**
 * Process exit codes, documented in the README ("Exit codes"); failures carry theirs ({@link
 * Fault}).
 */
public enum ExitCode {
  /** Every page succeeded (or the command did what was asked). */
  OK(0),
  /** The job could not run: bad input, missing packages, unreachable services. */
  COULD_NOT_RUN(1),
  /** The command line was wrong (picocli's usage code). */
  USAGE(2),
  /** The job ran to its end but some pages or volumes failed. */
  PAGES_FAILED(3),
  /** The job was canceled before it finished. */
  CANCELED(4),
  /** Stopped by Ctrl-C or SIGTERM (128 + SIGINT); re-run to resume. */
  INTERRUPTED(130);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
