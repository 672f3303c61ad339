package io.ocrbatch.workflows.watch;

import java.util.List;

/**
 * A drop folder to watch, as its config file says (checked before it gets here).
 *
 * @param name names the workflow ({@code watch-<name>}) and the registry rows ({@code
 *     watch:<name>})
 * @param root {@code s3://bucket/prefix} or a local folder; each top-level folder is a publisher
 * @param formats accepted formats (pdf, tiff, jpeg, png); other files are recorded as skipped
 * @param outputFolder the folder inside each publisher folder that receives results
 * @param runOnce one run and the workflow ends ({@code watch --run-once})
 * @param maxFilesPerRun files processed in one run at most (the rest wait for the next)
 */
public record WatchSpec(
    String name,
    String root,
    List<String> formats,
    String jobType,
    int dpi,
    int concurrency,
    long timeoutPerFileSeconds,
    int maxRetries,
    String outputFolder,
    long intervalSeconds,
    boolean runOnStartup,
    boolean runOnce,
    int maxFilesPerRun) {

  public String workflowId() {
    return "watch-" + name;
  }

  public String origin() {
    return "watch:" + name;
  }

  public WatchSpec once() {
    return new WatchSpec(
        name,
        root,
        formats,
        jobType,
        dpi,
        concurrency,
        timeoutPerFileSeconds,
        maxRetries,
        outputFolder,
        intervalSeconds,
        true,
        true,
        maxFilesPerRun);
  }
}
