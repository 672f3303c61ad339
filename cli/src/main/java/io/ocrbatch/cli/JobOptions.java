package io.ocrbatch.cli;

import picocli.CommandLine.Option;

/** The options of a new job that {@code ocr} and {@code job create} share, declared once. */
final class JobOptions {
  @Option(
      names = "--job-key",
      description =
          "Job key (default: J<date>_<hash of type and volumes>); the same key again resumes or shows that job.")
  String jobKey;

  @Option(
      names = "--out",
      defaultValue = "out",
      description = "Result folder or s3://bucket/prefix (default: ./out).")
  String out;

  @Option(names = "--force", description = "Redo volumes and pages whose results exist already.")
  boolean force;

  @Option(
      names = "--concurrency",
      defaultValue = "32",
      description =
          "Volumes processed at once (default: 32, enough to keep some 16 OCR slots busy even with"
              + " one-page volumes; raise it for a fleet of workers).")
  int concurrency;

  @Option(
      names = "--dpi",
      defaultValue = "0",
      description =
          "Resolution the scans were made at, given to the engine (default 0: each image's own"
              + " dpi tag where it has one, else 300; PDFs are rendered at 300).")
  int dpi;

  @Option(
      names = "--source-job",
      paramLabel = "JOB|auto",
      description =
          "The pipeline job this one builds on (its source step), recorded in the pipeline registry;"
              + " auto: the newest job with a completed source step for the same volumes.")
  String sourceJob;
}
