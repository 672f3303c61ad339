package io.ocrbatch.cli.pipeline;

import io.ocrbatch.activities.registry.PipelineRows.JobSummary;
import io.ocrbatch.activities.registry.PipelineRows.VolumeHit;
import io.ocrbatch.activities.registry.RegistryDocument;
import io.ocrbatch.activities.registry.RegistryDocument.Step;
import io.ocrbatch.activities.registry.RegistryDocument.TraceEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The registry as people read it in a terminal. */
public final class PipelineText {
  private PipelineText() {}

  public static String show(RegistryDocument d) {
    StringBuilder out = new StringBuilder();
    out.append("Pipeline job ").append(d.jobId()).append(" (").append(d.timestamp()).append(")\n");
    if (d.source() != null) {
      out.append("Source job:      ").append(d.source().jobId());
      if (d.source().bucket() != null)
        out.append(" (bucket ").append(d.source().bucket()).append(")");
      out.append('\n');
    }
    out.append("Steps completed: ").append(named(d, "completed")).append('\n');
    out.append("Steps pending:   ").append(named(d, "pending")).append('\n');
    String failed = named(d, "failed");
    if (!failed.equals("-")) out.append("Steps failed:    ").append(failed).append('\n');
    out.append(
        String.format(
            "%n  %-12s %-10s %-28s %-15s %s%n", "STEP", "STATUS", "RECORDED", "VOLUMES", "JOB"));
    for (Map.Entry<String, Step> e : d.pipelineSteps().entrySet()) {
      Step s = e.getValue();
      out.append(
          String.format(
              "  %-12s %-10s %-28s %-15s %s%n",
              e.getKey(), s.status(), s.timestamp(), volumes(s), s.jobId()));
    }
    out.append("\nExecution trace:\n");
    int i = 1;
    for (TraceEntry t : d.executionTrace()) {
      out.append(
          String.format(
              "  %2d. %-28s %-12s %-10s %s%n",
              i++, t.timestamp(), t.step(), t.status(), t.jobId()));
    }
    return out.toString();
  }

  public static String find(String volume, List<VolumeHit> hits) {
    if (hits.isEmpty()) return "No pipeline step covered volume " + volume + ".\n";
    StringBuilder out = new StringBuilder();
    out.append("Volume ").append(volume).append(": ").append(hits.size()).append(" step(s)\n");
    out.append(
        String.format(
            "  %-28s %-12s %-14s %-10s %s%n", "JOB", "STEP", "VOLUME STATUS", "STEP", "RECORDED"));
    for (VolumeHit h : hits) {
      out.append(
          String.format(
              "  %-28s %-12s %-14s %-10s %s%n",
              h.jobId(),
              h.step(),
              h.volumeStatus().dbName(),
              h.stepStatus().dbName(),
              h.recordedAt()));
    }
    return out.toString();
  }

  public static String list(List<JobSummary> jobs) {
    if (jobs.isEmpty()) return "No pipeline jobs.\n";
    StringBuilder out = new StringBuilder();
    out.append(String.format("%-28s %-28s %-22s %s%n", "JOB", "CREATED", "SOURCE JOB", "STEPS"));
    for (JobSummary j : jobs) {
      List<String> steps = new ArrayList<>();
      j.steps().forEach((step, status) -> steps.add(step + ":" + status));
      out.append(
          String.format(
              "%-28s %-28s %-22s %s%n",
              j.jobId(),
              j.createdAt(),
              j.sourceJobId() == null ? "-" : j.sourceJobId(),
              String.join(" ", steps)));
    }
    return out.toString();
  }

  private static String named(RegistryDocument d, String status) {
    List<String> names = new ArrayList<>();
    d.pipelineSteps()
        .forEach(
            (name, s) -> {
              if (status.equals(s.status())) names.add(name);
            });
    return names.isEmpty() ? "-" : String.join(", ", names);
  }

  private static String volumes(Step s) {
    if (s.citekeys() == null) return "-";
    return s.citekeys().successful()
        + "/"
        + s.citekeys().total()
        + (s.citekeys().failed() > 0 ? " (" + s.citekeys().failed() + " failed)" : "");
  }
}
