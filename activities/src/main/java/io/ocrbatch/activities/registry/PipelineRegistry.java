package io.ocrbatch.activities.registry;

import io.ocrbatch.activities.fault.BadInputException;
import io.ocrbatch.activities.fault.StorageUnavailableException;
import io.ocrbatch.activities.fault.UserInput;
import io.ocrbatch.activities.statusdb.Jdbc;
import io.ocrbatch.activities.statusdb.JobStore;
import io.ocrbatch.activities.storage.FolderRoots;
import io.ocrbatch.activities.storage.Storage;
import java.io.IOException;
import java.util.List;

/**
 * The pipeline registry: steps recorded in PostgreSQL, each change also written as the job's
 * registry document next to its results ({@link RegistryFiles}), which {@link #rebuild} reads back.
 */
public final class PipelineRegistry {
  public static final String LATEST = "latest";
  public static final String AUTO = "auto";

  private final PipelineStore store;
  private final PipelineQueries queries;
  private final RegistryDocuments documents;
  private final RegistryFiles files;
  private final JobStore jobs;

  public PipelineRegistry(Jdbc jdbc, Storage storage) {
    this.store = new PipelineStore(jdbc);
    this.queries = new PipelineQueries(jdbc);
    this.documents = new RegistryDocuments(queries);
    this.files = new RegistryFiles(storage);
    this.jobs = new JobStore(jdbc);
  }

  public PipelineQueries queries() {
    return queries;
  }

  PipelineStore store() {
    return store;
  }

  /** A job id as given, or the newest job's for {@code latest}. */
  public String resolve(String jobIdOrLatest) {
    if (LATEST.equals(jobIdOrLatest)) {
      return queries
          .latest()
          .orElseThrow(
              () -> new UnknownPipelineJobException("the pipeline registry has no job yet"));
    }
    PipelineNames.checkJobId(jobIdOrLatest);
    return jobIdOrLatest;
  }

  public RegistryDocument document(String jobIdOrLatest) {
    return documents.build(resolve(jobIdOrLatest));
  }

  public PipelineRows.StepRow step(String jobIdOrLatest, String step) {
    String jobId = resolve(jobIdOrLatest);
    PipelineNames.checkStep(step);
    if (queries.job(jobId).isEmpty()) throw UnknownPipelineJobException.job(jobId);
    return queries
        .step(jobId, step)
        .orElseThrow(() -> UnknownPipelineJobException.step(jobId, step));
  }

  /**
   * Records a step and rewrites the job's registry files (when its results root is known); returns
   * the job's document.
   */
  public RegistryDocument record(StepRecord step, String resultsRoot) {
    store.recordStep(step, resultsRoot);
    return publish(step.jobId());
  }

  /**
   * Records that the job built on {@code sourceJob}: a pipeline job id, or {@code auto} for the
   * newest job whose completed source step covered every volume of the OCR job with this key.
   */
  public RegistryDocument linkSource(String jobId, String sourceJob, String resultsRoot) {
    PipelineNames.checkJobId(jobId);
    String source =
        AUTO.equals(sourceJob)
            ? queries
                .sourceCovering(jobId)
                .orElseThrow(
                    () ->
                        new BadInputException(
                            "--source-job auto: no pipeline job has a completed source step"
                                + " covering every volume of job "
                                + UserInput.quote(jobId)))
            : resolve(sourceJob);
    if (source.equals(jobId)) throw new BadInputException("a job cannot be its own source job");
    if (queries.job(source).isEmpty()) throw UnknownPipelineJobException.job(source);
    store.linkSource(jobId, source, resultsRoot);
    return publish(jobId);
  }

  /** Writes the job's registry files where its results are; returns its document. */
  public RegistryDocument publish(String jobId) {
    RegistryDocument document = documents.build(jobId);
    String root = queries.job(jobId).map(PipelineRows.JobRow::resultsRoot).orElse(null);
    if (root != null) {
      try {
        // an OCR job submitted over HTTP writes these, too, only under its output roots
        FolderRoots outputs =
            jobs.byKey(jobId)
                .map(job -> FolderRoots.outputsOf(job.roots()))
                .orElse(FolderRoots.anywhere());
        files.write(root, document, queries.latest().map(jobId::equals).orElse(false), outputs);
      } catch (IOException e) {
        throw new StorageUnavailableException(
            "cannot write the registry files of "
                + jobId
                + " under "
                + root
                + ": "
                + e.getMessage(),
            e);
      }
    }
    return document;
  }

  /** Writes the job's registry files under another root too (a copy of its results). */
  public void publishTo(String root, RegistryDocument document) {
    try {
      files.write(root, document, false);
    } catch (IOException e) {
      throw new StorageUnavailableException(
          "cannot write the registry files of "
              + document.jobId()
              + " under "
              + root
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** Restores the rows of every job whose document is under {@code resultsRoot}/job_registry. */
  public List<String> rebuild(String resultsRoot) throws IOException {
    List<RegistryDocument> found = files.readAll(resultsRoot);
    for (RegistryDocument document : found) store.restore(document, resultsRoot);
    return found.stream().map(RegistryDocument::jobId).toList();
  }
}
