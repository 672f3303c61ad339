package io.ocrbatch.workflows;

/**
 * The job workflow's changes since its first histories, each gated by {@code Workflow.getVersion}
 * so that jobs running across a deploy replay: what each version brought.
 */
final class JobVersions {
  private JobVersions() {}

  /** Since this version a canceled job also cancels its running volumes' workflows. */
  static final String CANCEL_CHILDREN = "cancel-children-on-job-cancel";

  /**
   * Since this version a job started with its search attributes keeps them current: status at each
   * change, counts at most every {@value BatchJobWorkflowImpl#ATTRIBUTES_EVERY_MILLIS} ms of
   * workflow time (one history event each) and at the end; its volumes carry their volume id.
   */
  static final String SEARCH_ATTRIBUTES = "search-attributes";

  /** Since this version a run starts 2,000 children by default, not 500 (see JobSpec). */
  static final String LONGER_RUNS = "longer-runs";

  /**
   * Since this version pause and resume reach the running volumes (their pages stop and go on, see
   * {@link VolumeWorkflowImpl#PAGE_CONTROL}), volumes' pages are counted as they finish, and a run
   * starts no child past {@value BatchJobWorkflowImpl#RUN_HISTORY_LIMIT} history events (volumes'
   * progress adds events), continuing as new instead.
   */
  static final String PAGE_PAUSE = "page-pause";

  /** Since this version the job and {@code OcrJobStatus} end as {@link Outcome} says. */
  static final String OUTCOME_RULE = "job-outcome-rule";
}
