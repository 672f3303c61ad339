package io.ocrbatch.workflows;

import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A job run's running volume workflows: each one's cancellation scope (to stop it at once when the
 * job is canceled), its stub (to tell it pause and resume), and the pages it told so far.
 */
final class RunningVolumes {
  private final Set<Long> running = new LinkedHashSet<>();
  private final Map<Long, CancellationScope> scopes = new HashMap<>();
  private final Map<Long, VolumeWorkflow> stubs = new HashMap<>();
  private final Map<Long, VolumeProgress> pages = new HashMap<>();

  void started(long taskId, CancellationScope scope) {
    running.add(taskId);
    scopes.put(taskId, scope);
  }

  /** The volume's stub, to signal it. */
  void stub(long taskId, VolumeWorkflow stub) {
    stubs.put(taskId, stub);
  }

  void ended(long taskId) {
    running.remove(taskId);
    scopes.remove(taskId);
    stubs.remove(taskId);
    pages.remove(taskId);
  }

  int size() {
    return running.size();
  }

  boolean isEmpty() {
    return running.isEmpty();
  }

  void cancelAll() {
    new ArrayList<>(scopes.values()).forEach(CancellationScope::cancel);
  }

  /** Tells every running volume to pause (or resume); returns once they have heard it. */
  void tell(boolean pause) {
    List<Promise<Void>> told = new ArrayList<>();
    for (VolumeWorkflow volume : new ArrayList<>(stubs.values())) {
      try {
        told.add(Async.procedure(pause ? volume::pause : volume::resume));
      } catch (RuntimeException ended) {
        // the volume could not start or has ended
      }
    }
    for (Promise<Void> signal : told) {
      try {
        signal.get();
      } catch (RuntimeException ended) {
        // the volume ended meanwhile
      }
    }
  }

  /** A running volume's pages so far (a volume that has ended is counted by its result). */
  void told(VolumeProgress progress) {
    if (running.contains(progress.taskId())) pages.put(progress.taskId(), progress);
  }

  int pagesOk() {
    return pages.values().stream().mapToInt(VolumeProgress::pagesOk).sum();
  }

  int pagesFailed() {
    return pages.values().stream().mapToInt(VolumeProgress::pagesFailed).sum();
  }
}
