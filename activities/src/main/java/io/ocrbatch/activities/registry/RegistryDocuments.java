package io.ocrbatch.activities.registry;

import io.ocrbatch.activities.registry.PipelineRows.JobRow;
import io.ocrbatch.activities.registry.PipelineRows.StepRow;
import io.ocrbatch.activities.registry.PipelineRows.TraceRow;
import io.ocrbatch.activities.registry.RegistryDocument.Citekeys;
import io.ocrbatch.activities.registry.RegistryDocument.Source;
import io.ocrbatch.activities.registry.RegistryDocument.SourceCitekeys;
import io.ocrbatch.activities.registry.RegistryDocument.Step;
import io.ocrbatch.activities.registry.RegistryDocument.TraceEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Assembles a job's {@link RegistryDocument} from the registry's rows. */
final class RegistryDocuments {
  private final PipelineQueries queries;

  RegistryDocuments(PipelineQueries queries) {
    this.queries = queries;
  }

  /** Where a step's own metadata file is, relative to the results root. */
  static String metadataPath(String jobId, String step) {
    return RegistryFiles.FOLDER + "/" + jobId + "/" + step + ".json";
  }

  RegistryDocument build(String jobId) {
    JobRow job = queries.job(jobId).orElseThrow(() -> UnknownPipelineJobException.job(jobId));
    Map<String, Step> steps = new LinkedHashMap<>();
    List<TraceEntry> trace = new ArrayList<>();
    Optional<StepRow> ownSource = queries.step(jobId, PipelineNames.SOURCE);
    Optional<StepRow> source = ownSource;
    if (ownSource.isEmpty() && job.sourceJobId() != null) {
      source = queries.step(job.sourceJobId(), PipelineNames.SOURCE);
      source.ifPresent(s -> steps.put(PipelineNames.SOURCE, step(s)));
      for (TraceRow t : queries.trace(job.sourceJobId())) {
        if (t.step().equals(PipelineNames.SOURCE)) trace.add(entry(t));
      }
    }
    for (StepRow s : queries.steps(jobId)) steps.put(s.step(), step(s));
    for (TraceRow t : queries.trace(jobId)) trace.add(entry(t));
    Source sourceBlock =
        source
            .map(this::source)
            .orElse(
                job.sourceJobId() == null
                    ? null
                    : new Source(job.sourceJobId(), null, null, null, null));
    return new RegistryDocument(jobId, job.createdAt().toString(), sourceBlock, steps, trace);
  }

  private Step step(StepRow s) {
    List<String> failed = queries.volumes(s.jobId(), s.step(), StepStatus.FAILED);
    List<String> all = new ArrayList<>(queries.volumes(s.jobId(), s.step(), StepStatus.COMPLETED));
    all.addAll(queries.volumes(s.jobId(), s.step(), StepStatus.PENDING));
    all.addAll(failed);
    all.sort(null);
    return new Step(
        s.jobId(),
        s.status().dbName(),
        s.recordedAt().toString(),
        metadataPath(s.jobId(), s.step()),
        s.sourceJobId(),
        new Citekeys(s.volumesTotal(), s.volumesSuccessful(), s.volumesFailed(), all, failed),
        s.config(),
        s.metadata());
  }

  private Source source(StepRow s) {
    Map<String, Object> m = s.metadata();
    List<String> list = queries.volumes(s.jobId(), s.step(), StepStatus.COMPLETED);
    return new Source(
        s.jobId(),
        text(m.get("bucket")),
        text(m.get("endpoint_url")),
        new SourceCitekeys(
            s.volumesTotal(), number(m.get("uploaded")), number(m.get("skipped")), list),
        m.get("checksums"));
  }

  private static TraceEntry entry(TraceRow t) {
    return new TraceEntry(t.step(), t.jobId(), t.recordedAt().toString(), t.status().dbName());
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static Integer number(Object value) {
    return value instanceof Number n ? n.intValue() : null;
  }
}
