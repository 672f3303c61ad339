package io.ocrbatch.workflows;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One volume's processing inside a job (a task). Workflow id: {@code <jobKey>/<volumeId>}. */
@WorkflowInterface
public interface VolumeWorkflow {
  @WorkflowMethod
  VolumeResult run(VolumeTask task);
}
