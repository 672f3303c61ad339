package io.ocrbatch.workflows;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One volume's processing inside a job (a task). Workflow id: {@code <jobKey>/<volumeId>}. Its job
 * signals {@code pause} and {@code resume} to it: a paused volume's chunks stop before their next
 * page and start again at resume, where they stopped.
 */
@WorkflowInterface
public interface VolumeWorkflow {
  @WorkflowMethod
  VolumeResult run(VolumeTask task);

  @SignalMethod
  void pause();

  @SignalMethod
  void resume();
}
