package io.ocrbatch.worker;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a worker keeps its workflows cached between their tasks (Temporal's sticky execution).
 * Without it every workflow task carries the run's whole history and the worker replays it: a job
 * run of 2,000 volumes replays up to ~15,000 events for each of its thousands of tasks, which made
 * the job workflow the bottleneck of jobs of small volumes.
 *
 * <p>Sticky execution is safe where a dead worker's sticky queue gets re-routed: on a Temporal
 * cluster (it reports its server version), and beside the embedded service in one process (both die
 * together). Temporal's test server, which is the embedded service, never re-routes a task left on
 * a dead worker's sticky queue, so a worker of another process connected to it goes without.
 */
final class StickyWorkflows {
  private static final Logger log = LoggerFactory.getLogger(StickyWorkflows.class);

  private StickyWorkflows() {}

  static boolean safe(WorkflowClient client, WorkerSettings settings) {
    if (settings.besideEmbeddedService()) return true;
    try {
      String version =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
              .getServerVersion();
      return !version.isBlank();
    } catch (RuntimeException e) {
      log.debug("Cannot ask the Temporal service its version; workflows are not cached", e);
      return false;
    }
  }
}
