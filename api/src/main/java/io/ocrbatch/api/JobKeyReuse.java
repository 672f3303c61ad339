package io.ocrbatch.api;

import io.ocrbatch.activities.statusdb.JobRecord;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.workflows.TaskRef;
import io.ocrbatch.workflows.VolumeRef;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Submitting an existing job key again returns that job (idempotency), but only when it asks for
 * the same volumes: other volumes under a used key would silently be ignored, so they are refused.
 */
final class JobKeyReuse {
  private JobKeyReuse() {}

  static void requireSameVolumes(StatusStore store, JobRecord existing, List<VolumeRef> requested) {
    Set<String> had = new HashSet<>();
    for (TaskRef task : store.tasks().tasksAfter(existing.id(), 0, Integer.MAX_VALUE))
      had.add(task.volume().sourceUri());
    Set<String> asked = new HashSet<>();
    for (VolumeRef volume : requested) asked.add(volume.sourceUri());
    if (had.equals(asked)) return;
    Set<String> common = new HashSet<>(asked);
    common.retainAll(had);
    throw new JobKeyConflictException(
        "job key '"
            + existing.jobKey()
            + "' already names job "
            + existing.id()
            + " with "
            + had.size()
            + " volume(s); this request names "
            + asked.size()
            + " volume(s), "
            + common.size()
            + " of them in that job: give a new job key, or the same volumes to see that job");
  }
}
