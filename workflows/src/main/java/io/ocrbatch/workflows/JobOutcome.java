package io.ocrbatch.workflows;

/** How a job ended: its status and counts ({@code pagesOk}: pages OCRed or found done). */
public record JobOutcome(
    JobStatus status, int volumesDone, int volumesFailed, int pagesOk, int pagesFailed) {

  /** The outcome these counts make (see {@link Outcome}). */
  public Outcome outcome() {
    return Outcome.of(status == JobStatus.CANCELED, volumesFailed, pagesOk, pagesFailed);
  }
}
