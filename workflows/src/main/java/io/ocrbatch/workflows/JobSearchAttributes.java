package io.ocrbatch.workflows;

import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Workflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search attributes jobs and volumes carry, so that {@code temporal workflow list --query
 * "OcrJobStatus='running'"} and the Temporal Web UI find them. They are set only where the service
 * has them registered (a start with an unknown attribute is refused): the job's starter sets the
 * first values when registration succeeded, and the workflows update them only when they started
 * with them.
 */
public final class JobSearchAttributes {
  private JobSearchAttributes() {}

  public static final SearchAttributeKey<String> JOB_KEY =
      SearchAttributeKey.forKeyword("OcrJobKey");
  public static final SearchAttributeKey<String> JOB_TYPE =
      SearchAttributeKey.forKeyword("OcrJobType");

  /**
   * {@code running}, {@code paused}, {@code canceling}, then the job's {@link Outcome}: {@code
   * completed}, {@code completed_with_failures}, {@code failed} or {@code canceled}.
   */
  public static final SearchAttributeKey<String> STATUS =
      SearchAttributeKey.forKeyword("OcrJobStatus");

  public static final SearchAttributeKey<Long> VOLUMES_DONE =
      SearchAttributeKey.forLong("OcrVolumesDone");
  public static final SearchAttributeKey<Long> VOLUMES_FAILED =
      SearchAttributeKey.forLong("OcrVolumesFailed");
  public static final SearchAttributeKey<Long> VOLUMES_TOTAL =
      SearchAttributeKey.forLong("OcrVolumesTotal");
  public static final SearchAttributeKey<Long> PAGES_DONE =
      SearchAttributeKey.forLong("OcrPagesDone");

  /** On volume workflows, with {@link #JOB_KEY}. */
  public static final SearchAttributeKey<String> VOLUME_ID =
      SearchAttributeKey.forKeyword("OcrVolumeId");

  public static final List<SearchAttributeKey<?>> ALL =
      List.of(
          JOB_KEY,
          JOB_TYPE,
          STATUS,
          VOLUMES_DONE,
          VOLUMES_FAILED,
          VOLUMES_TOTAL,
          PAGES_DONE,
          VOLUME_ID);

  /** The memo keys a job workflow starts with. */
  public static final String MEMO_JOB_KEY = "job_key";

  public static final String MEMO_JOB_TYPE = "job_type";
  public static final String MEMO_OUTPUT = "output";
  public static final String MEMO_VOLUMES = "volumes";

  /** A new job's attributes, set by its starter. */
  public static SearchAttributes atStart(String jobKey, String jobType, long volumes) {
    return SearchAttributes.newBuilder()
        .set(JOB_KEY, jobKey)
        .set(JOB_TYPE, jobType)
        .set(STATUS, "running")
        .set(VOLUMES_TOTAL, volumes)
        .set(VOLUMES_DONE, 0L)
        .set(VOLUMES_FAILED, 0L)
        .set(PAGES_DONE, 0L)
        .build();
  }

  /** Workflow code: whether this run started with the attributes (they are registered). */
  static boolean present() {
    return Workflow.getTypedSearchAttributes().containsKey(JOB_KEY);
  }

  /** Workflow code: the job's status and counts now. */
  static void upsert(String status, JobCursor cursor) {
    Workflow.upsertTypedSearchAttributes(
        STATUS.valueSet(status),
        VOLUMES_DONE.valueSet((long) cursor.volumesDone()),
        VOLUMES_FAILED.valueSet((long) cursor.volumesFailed()),
        PAGES_DONE.valueSet((long) cursor.pagesOk()));
  }

  /** Workflow code: the memo for the next run (continue-as-new does not carry it by itself). */
  static ContinueAsNewOptions carriedMemo() {
    Map<String, Object> memo = new LinkedHashMap<>();
    for (String key : List.of(MEMO_JOB_KEY, MEMO_JOB_TYPE, MEMO_OUTPUT, MEMO_VOLUMES)) {
      Object value = Workflow.getMemo(key, Object.class);
      if (value != null) memo.put(key, value);
    }
    return ContinueAsNewOptions.newBuilder().setMemo(memo).build();
  }

  /** A volume workflow's attributes: its volume and its job. */
  static SearchAttributes forVolume(String jobKey, String volumeId) {
    return SearchAttributes.newBuilder().set(JOB_KEY, jobKey).set(VOLUME_ID, volumeId).build();
  }
}
